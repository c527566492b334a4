"""Decap CMS's configuration for a site, generated from the content model: one rule per kind of value.

Every field of an explainer in the model's order, with the model's descriptions as help text, its required
fields and lists, the topics of site.yml and the site's languages. Texts use our `texts` widget (every language
side by side, in templates/admin/editor-fields.js), ids of the explainer's own voices and sections our `reference`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .fields import PARTIAL_DATE_PATTERN, Text
from .form_labels import label
from .model import Explainer
from .settings import Content, Language
from .slugs import SLUG_PATTERN

# What Decap says under a field whose value does not fit its pattern ("Slug didn't match the pattern: …"): the
# rule in a reader's words. The field's help text said it before, which told an outside editor no rule at all.
# A day, as the model reads one: typed as text (below, `_widget`).
DAY_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
PATTERN_RULES = {
    SLUG_PATTERN: "use lower-case letters a-z, digits 0-9 and single hyphens, such as kim-putin-summit",
    PARTIAL_DATE_PATTERN: "write a year (2019), a month (2023-07) or a day (2023-09-12), in the digits 0-9",
    DAY_PATTERN: "write the day as YYYY-MM-DD in the digits 0-9, such as 2023-09-12",
}

# Fields that name an item elsewhere in the same explainer: the list they name it from, and what to show.
REFERENCES = {"said_by": ("voices", "name"), "section": ("sections", "heading")}
# Texts long enough to be written as paragraphs rather than a line.
LONG_TEXTS = {"dek", "paragraphs", "text", "caption"}
MARKDOWN_HINT = "Markdown: **bold**, *italic*, [a link](https://…)."


def _other_languages(own: set[str]) -> list[dict[str, str]]:
    """Every other language CLDR has, by its English name: a source may be in one the site lacks (an English-only
    desk's Hebrew article), and the editor's choice listed the site's alone, where `check` takes any."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    names = Locale("en").languages
    found = [
        {"label": f"{names[code]} ({code})", "value": code}
        for code in locale_identifiers()
        if "_" not in code and code not in own and code in names
    ]
    return sorted(found, key=lambda option: option["label"])


def config(site: Content) -> dict[str, Any]:
    """Decap CMS's configuration for this site."""
    schema = Explainer.model_json_schema()
    fields = Fields(schema.get("$defs", {}), site)
    return {
        # Published sites sign editors in through Netlify's Git Gateway; on a computer, the local backend
        # (local_backend.py, `python -m generator edit`) is used instead and nothing signs in.
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
                "summary": _entry_summary(site.languages),
                "sortable_fields": ["slug", "published"],
                # "View Live" on an explainer's form opens its page, not the site's root (an outside tester's)
                "preview_path": f"{site.languages[0].code}/{{{{fields.slug}}}}/",
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
        field: dict[str, Any] = {"name": name, "label": label(name)}
        if schema.get("description"):
            field["hint"] = " ".join(schema["description"].split())
        field["required"] = required and not optional
        field.update(self._widget(name, schema))
        if field.get("multiline"):  # (no toolbar: an outside tester looked for one, and no hint said Markdown)
            field["hint"] = f"{field.get('hint', '')} {MARKDOWN_HINT}".strip()
        if field["widget"] == "list" and field["label"].endswith("s") and not field["label"].endswith("ss"):
            field["label_singular"] = field["label"][:-1]  # "1 point", "Add point" (it said "1 points")
        if field["widget"] == "object" and not field["required"]:
            field["fields"] = _loosened(field["fields"])
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
            refers_to, shown = REFERENCES[name]
            return {"widget": "reference", "refers_to": refers_to, "label_field": shown, "languages": self.languages}
        if name in ("topics", "authors") and kind == "array":  # (authors typed as text: `, other` made one id)
            named = self.site.settings.topics if name == "topics" else self.site.authors
            options = [{"label": _topic_label(item.name, self.site), "value": item.id} for item in named]
            return {"widget": "select", "multiple": True, "options": options, "default": []}
        if name == "language" and kind == "string":  # a source's: the site's languages, then any other
            own = [{"label": item["name"], "value": item["code"]} for item in self.languages]
            return {"widget": "select", "options": own + _other_languages({item["code"] for item in self.languages})}
        if "enum" in schema:  # an update's kind: typed freely, `Correction` was saved and refused by `check`
            return {"widget": "select", "options": list(schema["enum"])}
        if name == "file" and kind == "string":
            return {"widget": "image", "choose_url": False}
        if kind == "object":
            return {"widget": "object", "collapsed": False, "fields": self.of(schema)}
        if kind == "array":
            return self._list(name, schema)
        if kind == "boolean":
            # no `default`: Decap writes a default into a group the file does not have (a map label out of nothing)
            return {"widget": "boolean"}
        if kind in ("number", "integer"):
            return {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        # A day is typed as text, not in Decap's date picker: typed on the keyboard, the picker read each partial
        # year as a two-digit one, so `12052026` was saved as 1906-12-05 with no word (an outside tester's), and
        # it showed mm/dd/yyyy under help that says YYYY-MM-DD. `real_date` (editor-saves.js): the calendar has it.
        pattern = DAY_PATTERN if schema.get("format") == "date" else schema.get("pattern")
        widget: dict[str, Any] = {"widget": "string"}
        if pattern:
            widget["pattern"] = [pattern, PATTERN_RULES.get(pattern, "not in the expected form")]
        if pattern in (DAY_PATTERN, PARTIAL_DATE_PATTERN):
            widget["real_date"] = True
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
        if inner.get("$def") == "Text":
            # A list of texts (a section's paragraphs): one item per text, a field per language. Decap hands a
            # single-field list's widget only a key of each item, so the languages are the item's own fields;
            # a picture placed among the paragraphs (`- figure: …`) is shown as kept, and kept as written.
            first = self.languages[0]["code"]
            languages = [
                {"name": item["code"], "label": item["name"], "widget": "language_text", "required": False}
                | {"language": item, "multiline": name in LONG_TEXTS}
                for item in self.languages
            ]
            picture = {"name": "figure", "label": "Picture", "widget": "kept", "required": False}
            widget |= {
                "fields": [*languages, picture],
                "summary": f"{{{{fields.{first}}}}}",  # (alone: its own direction, editor.css)
                "collapsed": False,
            }
        elif inner.get("type") == "object":
            widget["fields"] = self.of(inner)
            widget["summary"] = _summary(inner, self.languages[0]["code"])
        elif inner.get("type") == "string":  # ids and codes: one line, separated by commas
            widget["collapsed"] = False
        else:  # numbers (a map's box, a label's place): one field per item
            widget["field"] = {"name": name, "label": label(name), "required": False} | self._widget(name, inner)
            widget["collapsed"] = False
        return widget


def _with_modeline(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Decap writes a field's `comment` above its key: on the first field, that puts the schema modeline back
    at the top of every file it saves (the other comments of a file it cannot keep)."""
    schema = os.path.relpath(Path("schema", "explainer.schema.json"), Path("content", "explainers"))
    return [{**fields[0], "comment": f"yaml-language-server: $schema={Path(schema).as_posix()}"}, *fields[1:]]


def _loosened(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fields of an optional group (an explainer's picture, its map) with nothing required: Decap checks a
    group's fields even when the file has no such group, and would refuse to save an explainer without a
    picture. What a begun group must have is marked `required_once_begun`, which the editor checks before a
    save (templates/admin/editor-saves.js); `check` names anything else it still lacks."""
    loosened = []
    for field in fields:
        begun = {"required_once_begun": True} if field["required"] else {}
        field = {key: value for key, value in field.items() if key not in ("min", "max")} | {"required": False} | begun
        if "fields" in field:
            field["fields"] = _loosened(field["fields"])
        loosened.append(field)
    return loosened


def _topic_label(name: Text, site: Content) -> str:
    return " · ".join(
        _isolated(name.texts[language.code]) for language in site.languages if language.code in name.texts
    )


# An entry Decap cannot read (a YAML mistake made in the file) has no title: listed as `·` alone, it opened as an
# empty form, and its save replaced the whole explainer (an outside tester's; decap_api.py now refuses that save).
UNREADABLE = "⚠ the file does not read: `check` names the line"


def _entry_summary(languages: tuple[Language, ...]) -> str:
    """How the list shows an explainer: its title in each language, a warning where the file does not read."""
    names = [f"title.{language.code}" for language in languages]
    shown = [f"{names[0]} | default('{UNREADABLE}')", *names[1:]]
    return " · ".join(_isolated(f"{{{{{name}}}}}") for name in shown)


def _isolated(text: str) -> str:
    """A text of either direction shown among others on one line of Decap's (left-to-right) interface, set apart
    as Unicode's first-strong isolate: "Arabic · English" on one line put an Arabic title's words, its Latin
    names and its question mark out of order, and a collapsed item's Arabic stop at the wrong end (an outside
    tester's). The isolate's two characters show as nothing."""
    return f"\u2068{text}\u2069"


def _summary(schema: dict[str, Any], first: str) -> str:
    """What a collapsed list item shows: its id, date or value (a folded timeline showed no dates, and a key figure
    its number alone: outside testers'), and its main text in the first language, isolated after an id; after a
    date or a figure, or alone, not, so that the line takes the text's own direction (editor.css): an Arabic
    takeaway, key figure or source stood at the left edge (outside testers')."""
    properties = schema.get("properties", {})
    parts = [f"{{{{fields.{key}}}}}" for key in ("id", "date", "value") if key in properties]
    text = next((name for name in ("name", "heading", "title", "text", "label") if name in properties), None)
    main = f"{{{{fields.{text}.{first}}}}}"
    parts += [_isolated(main) if "id" in properties else main] if text else []
    return " · ".join(parts)
