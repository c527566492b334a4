"""What the preview adds to each page it serves: the panel of the last build's problems or notes, and the script
that reloads the page when a rebuild ends (preview_server.py serves them)."""

from __future__ import annotations

import hashlib
import html
import json
import re

from .form_labels import field_label
from .problems import Problem, shown


def reload_script(version: int, searched: int | None = None, page: str | None = None) -> bytes:
    """The snippet added to served pages: reload when a rebuild after `version` ends, well or badly; a search page
    also when the search index made after `searched` is in place (it is made at the pause after a save, and an
    open search answered from the old one: an outside tester's).

    Every tab listens through one shared worker (`WORKER`) and its one stream: a stream a tab, the seventh tab
    of a browser, which keeps six connections to a host, stayed blank until the next save (an outside tester's).
    Where there is no shared worker, the tab's own stream. The page says which version it shows, so a rebuild
    finished between serving it and listening is not missed. A rebuild that changed pages alone names them (`p`):
    a tab showing another (`page`, its file in the site) stays as it is, scrolled where the editor left it, where
    every open tab reloaded at every save (an outside tester's)."""
    asked = f"v={version}" + (f"&s={searched}" if searched is not None else "")  # (a script: no entities)
    shown, file = "null" if searched is None else searched, json.dumps(page).replace("<", "\\u003c")
    return (
        f"<script>(() => {{ let v = {version}; const s = {shown}, f = {file};"
        ' if (!window.SharedWorker) { const e = new EventSource("/__reload?' + asked + '");'
        " e.onmessage = () => { e.close(); location.reload(); }; return; }"
        f' const w = new SharedWorker("{WORKER_PATH}"); w.port.onmessage = (m) => {{ const d = JSON.parse(m.data);'
        " if (s !== null && d.s !== s) return location.reload(); if (d.v === v) return;"
        " if (d.v === v + 1 && f !== null && d.p && !d.p.includes(f)) { v = window.previewVersion = d.v; return; }"
        " location.reload(); };"
        ' addEventListener("pagehide", () => w.port.postMessage("bye")); })();</script>'
    ).encode()


WORKER_PATH = "/__reload.js"
# The shared worker: one stream of the preview's state for every tab of the browser, each message passed on.
WORKER = b"""const ports = new Set(); let last = null;
const source = new EventSource("/__reload?follow=1");
source.onmessage = (event) => { last = event.data; for (const port of ports) port.postMessage(last); };
onconnect = (event) => {
  const port = event.ports[0];
  ports.add(port);
  port.onmessage = (message) => { if (message.data === "bye") ports.delete(port); };
  if (last !== null) port.postMessage(last);
};
"""


def overlay(problems: list[Problem], languages: frozenset[str], notes: bool = False) -> bytes:
    """A panel over the page naming every problem, escaped: messages quote the editor's own text. Each names
    its field as the browser editor's form does (`Takeaways 1 › Text (ar)`), then where it is in the file.

    `notes`: what a build that succeeded warns of (a published page no file makes now): a strip along the foot
    of the page that an editor may close for the tab, not the panel of a failed build, which covered every page
    saying "Fix the file" of an explainer withdrawn on purpose (an outside tester's)."""
    items = "".join(
        "<li><b>{}</b>: {}{} <small><code>{}:{}:{}</code> <code>{}</code></small></li>".format(
            html.escape(field_label(problem.field, languages) or shown(problem.path)),
            _quoted_apart(html.escape(problem.message)),
            _quoted_apart(html.escape(f" ({problem.hint})")) if problem.hint else "",
            html.escape(shown(problem.path)),
            problem.line,
            problem.col,
            html.escape(problem.field),
        )
        for problem in problems
    )
    count = f"{len(problems)} {'note' if notes else 'problem'}{'s' if len(problems) != 1 else ''}"
    font = "font:15px/1.5 system-ui,sans-serif;text-align:left;unicode-bidi:isolate"
    if notes:  # closed, it stays closed in this tab until the notes change
        key = json.dumps("preview-notes:" + hashlib.sha256(items.encode()).hexdigest()[:16])
        close = html.escape(f"sessionStorage.setItem({key}, 1); this.parentNode.remove()")
        return (
            '<div id="preview-notes" role="status" dir="ltr" lang="en" style="position:fixed;inset-inline:0;bottom:0;'
            "z-index:2147483647;max-height:40vh;overflow:auto;background:#fffbe6;color:#222;"
            f'border-top:4px solid #b06000;padding:.75em 2em;{font}">'
            f'<button type="button" style="float:inline-end" onclick="{close}">Close</button>'
            f'<h2 style="margin:0 0 .25em;font-size:1.1em">{count}: the site built, nothing to fix if this is meant'
            "</h2>"
            f'<ol style="padding-left:1.5em;margin:0">{items}</ol></div>'
            f"<script>sessionStorage.getItem({key})&&document.getElementById('preview-notes').remove()</script>"
        ).encode()
    return (
        '<div id="preview-problems" role="alert" dir="ltr" lang="en" style="position:fixed;inset-inline:0;top:0;'
        "max-height:60vh;z-index:2147483647;overflow:auto;background:#fff8f6;color:#222;border-top:6px solid #c5221f;"
        f'border-bottom:2px solid #c5221f;padding:1.5em 2em;{font}">'
        f'<h2 style="margin:0 0 .5em;color:#c5221f">{count}: this page shows the last build that passed check</h2>'
        f'<ol style="padding-left:1.5em">{items}</ol>'
        "<p>Fix the file and save it: this page reloads by itself.</p></div>"
    ).encode()


def _quoted_apart(text: str) -> str:
    """Each text a message quotes between backquotes as code, in a <bdi>: an Arabic text with a Latin name, quoted
    in this English panel, showed its words out of order (`الوزيرAntony|Blinken`, an outside tester's); and the
    backquotes, a terminal's way to quote, showed around it (an outside night editor's). Shaded, its spaces kept: a
    quoted `: ` read "a : where no key can be" in the plain panel (an outside tester's)."""
    return re.sub("`([^`]*)`", rf'<code style="{CODE_STYLE}"><bdi>\1</bdi></code>', text)


CODE_STYLE = "background:#f3dcd7;padding:0 .25em;border-radius:3px;white-space:pre-wrap"


def with_before_body_end(page: bytes, extra: bytes) -> bytes:
    """`extra` inserted before the page's closing body tag (the last one: text may quote the tag)."""
    end = page.rfind(b"</body>")
    return page + extra if end < 0 else page[:end] + extra + page[end:]
