"""JSON Schemas for editors' YAML tooling, generated from the content model (never edited by hand)."""

from __future__ import annotations

import json

from pydantic import BaseModel

from .model import Explainer, InterfaceStrings, SiteSettings

SCHEMAS: dict[str, type[BaseModel]] = {
    "explainer.schema.json": Explainer,
    "site.schema.json": SiteSettings,
    "strings.schema.json": InterfaceStrings,
}


def schemas() -> dict[str, bytes]:
    """Each schema file's bytes, stable from run to run so the committed copies can be compared."""
    outputs = {}
    for name, model in SCHEMAS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        outputs[name] = (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    return outputs
