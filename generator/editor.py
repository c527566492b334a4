"""The browser editor at admin/: Decap CMS, served from the site itself, configured from the content model.

Its configuration is generated, never written by hand: every field of an explainer, in the model's order, with
the model's descriptions as help text, its required fields and lists, the topics of site.yml and the site's
languages. A text is edited in every language side by side (our `texts` widget, in templates/admin/editor.js),
each in its own direction and its pages' font, and saved as our files keep it, `{ar: …, en: …}`. Decap's own
i18n (`structure: single_file`) would instead write a whole copy of the explainer under each language code,
which is not our format (see the README, "Editing in the browser").
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from . import urls
from .fields import Text
from .load import read_tree
from .model import Explainer
from .project import DEFAULT_TEMPLATES
from .settings import Content, Language

ADMIN = "admin/"
DEFAULT_ADMIN = DEFAULT_TEMPLATES / "admin"
# Decap CMS's browser bundle and the chunks it loads from beside itself (no source maps, no other builds).
_DIST = Path("node_modules", "decap-cms", "dist")
_SERVER = Path("node_modules", "decap-server", "dist", "index.js")
_CHECKOUT = Path(__file__).resolve().parent.parent
DECAP = next((base / _DIST for base in (_CHECKOUT, Path.cwd()) if (base / _DIST).is_dir()), _CHECKOUT / _DIST)
DECAP_SERVER = next(
    (base / _SERVER for base in (_CHECKOUT, Path.cwd()) if (base / _SERVER).is_file()), _CHECKOUT / _SERVER
)
_BUNDLE = re.compile(r"^(?:\d+\.)?decap-cms\.js$|^decap-cms\.js\.LICENSE\.txt$|^[0-9a-f]{20}\.wasm$")
# Fields that name an item elsewhere in the same explainer: the list they name it from, and what to show.
REFERENCES = {"said_by": ("voices", "name"), "section": ("sections", "heading")}
# Texts long enough to be written as paragraphs rather than a line.
LONG_TEXTS = {"dek", "paragraphs", "text", "caption"}


def outputs(site: Content, templates: Path, writing: bool = True) -> dict[str, bytes]:
    """admin/ when site.yml turns the editor on (`editor: true`), from the project's templates/admin/ (or the
    default one) and Decap's bundle; nothing otherwise. A build that writes the site needs the bundle; `check`
    does without it (a content repository's pre-commit hook has no npm packages)."""
    if not site.settings.editor:
        return {}
    admin = templates / "admin"
    sources = read_tree(admin if admin.is_dir() else DEFAULT_ADMIN)
    stylesheet = next(iter(read_tree(templates / "assets", lambda name: name.endswith(".css")).values()), b"")
    bundle = _bundle(DECAP)
    if writing and "decap-cms.js" not in bundle:
        raise FileNotFoundError(f"{DECAP / 'decap-cms.js'} is missing: run `make site`, which installs Decap CMS")
    return editor_files(site, sources, bundle, stylesheet.decode("utf-8"))


@cache
def _bundle(folder: Path) -> dict[str, bytes]:
    """Decap's files, read once per process (they change only with its version)."""
    return read_tree(folder, bundle_file)


def bundle_file(name: str) -> bool:
    """Whether a file of Decap's dist/ folder is one the editor loads (or its licence)."""
    return bool(_BUNDLE.match(name))


def editor_files(site: Content, admin: dict[str, bytes], decap: dict[str, bytes], stylesheet: str) -> dict[str, bytes]:
    """admin/ of the built site: the page, its scripts and styles, Decap's bundle and the generated config.
    `admin` is templates/admin/, `decap` Decap's bundle, `stylesheet` the site's CSS (for the fonts)."""
    title = site.strings[site.default_language].site_title if site.strings else "the site"
    outputs = {f"{ADMIN}{name}": data for name, data in {**decap, **admin}.items()}
    page = (
        admin["index.html"].decode("utf-8").replace("<title>Editor</title>", f"<title>Editor · {escape(title)}</title>")
    )
    css = admin["editor.css"].decode("utf-8") + language_css(site.languages, stylesheet)
    pages = [
        {"code": language.code, "name": language.name, "path": _page(language.code)} for language in site.languages
    ]
    outputs.update(
        {
            f"{ADMIN}index.html": page.encode("utf-8"),
            f"{ADMIN}editor.css": css.encode("utf-8"),
            f"{ADMIN}config.json": config_json(site, pages).encode("utf-8"),
        }
    )
    return outputs


def _page(code: str) -> str:
    """An explainer's page in a language, from the site's root, with `{slug}` for its slug."""
    return urls.explainer(code, "{slug}").lstrip("/")


_FONT = re.compile(r"--font-([a-z-]+)\s*:\s*([^;]+);")


def language_css(languages: tuple[Language, ...], stylesheet: str) -> str:
    """Each language's fields in its direction and in the font stack the site's pages use for its script
    (the stylesheet's `--font-arabic`, `--font-latin`…)."""
    fonts = dict(_FONT.findall(stylesheet))
    rules = ["\n/* Written by the build from site.yml and the site's stylesheet. */"]
    for language in languages:
        font = fonts.get(language.script.lower())
        declarations = f"direction: {language.direction}; text-align: start;" + (
            f" font-family: {font};" if font else ""
        )
        rules.append(f'[data-language="{language.code}"] {{ {declarations} }}')
    return "\n".join(rules) + "\n"


def config_json(site: Content, pages: list[dict[str, str]]) -> str:
    """What editor.js starts Decap with: its configuration, and where each language's page of an explainer is
    (for the preview). JSON rather than Decap's usual config.yml, which hosts serve under no YAML media type
    (Decap then refuses it); the configuration is the same either way."""
    return json.dumps({"decap": config(site), "pages": pages}, ensure_ascii=False, indent=1) + "\n"


def config(site: Content) -> dict[str, Any]:
    """Decap CMS's configuration for this site."""
    schema = Explainer.model_json_schema()
    fields = Fields(schema.get("$defs", {}), site)
    return {
        # Published sites sign editors in through Netlify's Git Gateway; on a computer, the local backend
        # (decap-server, `python -m generator edit`) is used instead and nothing signs in.
        "backend": {"name": "git-gateway", "branch": "main"},
        "local_backend": True,
        "publish_mode": "simple",
        "site_url": str(site.settings.site_url),
        "media_folder": "content/media",
        "public_folder": "media",
        "collections": [
            {
                "name": "explainers",
                "label": "Explainers",
                "label_singular": "Explainer",
                "description": schema.get("description", ""),
                "folder": "content/explainers",
                "extension": "yml",
                "format": "yml",
                "create": True,
                "slug": "{{slug}}",
                "identifier_field": "slug",
                "summary": " · ".join(f"{{{{title.{language.code}}}}}" for language in site.languages),
                "sortable_fields": ["slug", "published"],
                "editor": {"preview": True},
                "fields": _with_modeline(fields.of(schema)),
            }
        ],
    }


class Fields:
    """Decap fields from the model's JSON Schema: one rule per kind of value."""

    def __init__(self, definitions: dict[str, Any], site: Content) -> None:
        self.definitions = definitions
        self.site = site
        self.languages = [
            {"code": language.code, "name": language.name, "direction": language.direction}
            | {"english_name": language.english_name}
            for language in site.languages
        ]

    def of(self, schema: dict[str, Any]) -> list[dict[str, Any]]:
        required = set(schema.get("required", ()))
        return [self.field(name, value, name in required) for name, value in schema.get("properties", {}).items()]

    def field(self, name: str, schema: dict[str, Any], required: bool) -> dict[str, Any]:
        schema, optional = self._resolved(schema)
        field: dict[str, Any] = {"name": name, "label": schema.get("title") or _label(name)}
        if schema.get("description"):
            field["hint"] = " ".join(schema["description"].split())
        field["required"] = required and not optional
        field.update(self._widget(name, schema))
        return field

    def _resolved(self, schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """The schema a reference or an optional value (`anyOf: [X, null]`) stands for, and whether null is allowed;
        the description of the place it is used wins over the referenced type's own."""
        optional = False
        if "anyOf" in schema:
            kinds = [kind for kind in schema["anyOf"] if kind.get("type") != "null"]
            optional = len(kinds) < len(schema["anyOf"])
            schema = {**kinds[0], **{key: value for key, value in schema.items() if key != "anyOf"}}
        if "$ref" in schema:
            target = self.definitions[schema["$ref"].rsplit("/", 1)[-1]]
            kept = {key: value for key, value in schema.items() if key in ("description", "default")}
            schema = {**target, **kept, "title": schema.get("title"), "$def": schema["$ref"].rsplit("/", 1)[-1]}
        return schema, optional

    def _widget(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        kind = schema.get("type")
        if schema.get("$def") == "Text":
            return {"widget": "texts", "languages": self.languages, "multiline": name in LONG_TEXTS}
        if name in REFERENCES:
            refers_to, label = REFERENCES[name]
            return {"widget": "reference", "refers_to": refers_to, "label_field": label, "languages": self.languages}
        if name == "topics" and kind == "array":
            options = [
                {"label": _topic_label(topic.name, self.site), "value": topic.id} for topic in self.site.settings.topics
            ]
            return {"widget": "select", "multiple": True, "options": options, "default": []}
        if name == "language" and kind == "string":
            return {
                "widget": "select",
                "options": [{"label": item["name"], "value": item["code"]} for item in self.languages],
            }
        if name == "file" and kind == "string":
            return {"widget": "image", "choose_url": False}
        if kind == "object":
            return {"widget": "object", "collapsed": False, "fields": self.of(schema)}
        if kind == "array":
            return self._list(name, schema)
        if kind == "boolean":
            return {"widget": "boolean", "default": bool(schema.get("default", False))}
        if kind in ("number", "integer"):
            return {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        if schema.get("format") == "date":
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
        widget: dict[str, Any] = {"widget": "string"}
        if "pattern" in schema:
            widget["pattern"] = [schema["pattern"], schema.get("description", "Not in the expected form.")]
        return widget

    def _list(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        items = schema.get("items") or (schema.get("prefixItems") or [{}])[0]
        if "oneOf" in items:  # a section's paragraphs: texts, with a figure now and then (kept as written)
            items = next(kind for kind in items["oneOf"] if kind.get("$ref", "").endswith("/Text"))
        inner, _ = self._resolved(items)
        widget: dict[str, Any] = {"widget": "list", "collapsed": True}
        if "minItems" in schema:
            widget["min"] = schema["minItems"]
        if "maxItems" in schema:
            widget["max"] = schema["maxItems"]
        if inner.get("type") == "object" and inner.get("$def") != "Text":
            widget["fields"] = self.of(inner)
            widget["summary"] = _summary(inner, self.languages[0]["code"])
        elif inner.get("type") == "string":  # ids and codes: one line, separated by commas
            widget["collapsed"] = False
        else:
            # an empty item is dropped by the model's rules or flagged by `check`; Decap would count a list that
            # is not there (a section without paragraphs) as one empty, required item
            widget["field"] = {"name": name, "label": _label(name), "required": False} | self._widget(name, inner)
            widget["collapsed"] = False
        return widget


def _with_modeline(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Decap writes a field's `comment` above its key: on the first field, that puts the schema modeline back
    at the top of every file it saves (the other comments of a file it cannot keep)."""
    schema = os.path.relpath(Path("schema", "explainer.schema.json"), Path("content", "explainers"))
    return [{**fields[0], "comment": f"yaml-language-server: $schema={Path(schema).as_posix()}"}, *fields[1:]]


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _topic_label(name: Text, site: Content) -> str:
    return " · ".join(name.texts[language.code] for language in site.languages if language.code in name.texts)


def _summary(schema: dict[str, Any], first: str) -> str:
    """What a collapsed list item shows: its id, and its main text in the first language."""
    properties = schema.get("properties", {})
    parts = ["{{fields.id}}"] if "id" in properties else []
    text = next((name for name in ("name", "heading", "title", "text") if name in properties), None)
    parts += [f"{{{{fields.{text}.{first}}}}}"] if text else []
    return " · ".join(parts)


@contextmanager
def local_backend(root: Path, port: int, report: Callable[[str], None]) -> Iterator[subprocess.Popen[bytes]]:
    """decap-server, writing the project's files as the editor saves them; stopped when the block ends."""
    if not DECAP_SERVER.is_file():
        raise FileNotFoundError(f"{DECAP_SERVER} is missing: run `make site`, which installs Decap's local backend")
    environment = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs"}
    environment["GIT_REPO_DIRECTORY"] = str(root)
    server = subprocess.Popen(["node", str(DECAP_SERVER)], env=environment, cwd=root)
    report(f"The editor's local backend writes into {root} (decap-server on 127.0.0.1:{port}).")
    try:
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)
