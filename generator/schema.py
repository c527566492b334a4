"""JSON Schemas for editors' YAML tooling, generated from the content model (never edited by hand)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import BaseModel

from .interface_strings import InterfaceStrings
from .model import Explainer
from .newsroom import Authors
from .settings import SiteSettings

SCHEMAS: dict[str, type[BaseModel]] = {
    "explainer.schema.json": Explainer,
    "authors.schema.json": Authors,
    "site.schema.json": SiteSettings,
    "strings.schema.json": InterfaceStrings,
}


def _texts_in(schema: dict[str, Any], languages: tuple[str, ...]) -> dict[str, Any]:
    """The schema with every text required in each of the site's languages, and in no other (the model
    checks that itself, against site.yml; editors' tooling reads it from here)."""
    text = schema.get("$defs", {}).get("Text")
    if text is not None:
        prose = text.pop("additionalProperties")
        text.update(
            properties={code: prose for code in languages}, required=list(languages), additionalProperties=False
        )
    return schema


def schemas(languages: tuple[str, ...]) -> dict[str, bytes]:
    """Each schema file's bytes for a site of these languages, stable from run to run so the committed copies
    can be compared."""
    outputs = {}
    for name, model in SCHEMAS.items():
        generated = _texts_in(model.model_json_schema(), languages)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **generated}
        outputs[name] = (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    return outputs


@cache
def field_names(*models: type[BaseModel]) -> frozenset[str]:
    """Every field name of these models, at any depth (their schemas' properties): a key out of line in a file
    that does not read (yaml_errors.py), a field a message names in backquotes (form_labels.py)."""
    names: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for model in models:
        walk(model.model_json_schema())
    return frozenset(names)
