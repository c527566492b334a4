"""What `check` would refuse in an explainer the browser editor saves, said as the editor shows a refusal: the
`Vet` that `edit` gives its local backend (decap_api.py), asked of the preview's pipeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .content_files import is_explainer_name
from .form_labels import field_label, in_form_words
from .slugs import Claims

if TYPE_CHECKING:
    from .preview import Rebuilder


class SaveCheck:
    """What `check` would refuse in an explainer file itself, in its new bytes, each said as the editor shows a
    refusal (the field as the form labels it, its lists counted from 1, `Key figures 1 › Label (ar)`, what is wrong;
    the file's line only where no field is: a browser has no lines, an outside tester's): `edit`'s local backend
    refuses such a save and writes nothing.
    Decap said "Published" of a save the preview then refused, and no build published anything until someone
    fixed it (an outside tester's); the editor's own checks (editor-saves.js) cannot know all of `check`'s. Asked of
    the preview's pipeline once it is `follow`ed (`Build.problems_in`), under its lock (one build at a time);
    the pictures of the save are read where the backend has just written them; a slug another explainer has, as the
    preview's last run saw them (editor-saves.js asks before the save too). Not asked here: a letter the share card
    cannot draw until the preview has made its renderer (a second after it starts), a file elsewhere than the
    explainers, and anything while the site-wide inputs are broken (the preview says so)."""

    def __init__(self) -> None:
        self.preview: Rebuilder | None = None
        # The slugs of the explainers saved since: a save sent before the preview had read the one before took
        # that one's slug, and every build failed after (an outside tester's two saves at once).
        self.saved: dict[Path, Claims] = {}

    def follow(self, preview: Rebuilder, then: Callable[[], object] = bool) -> None:
        """Check saves with the preview's pipeline from now on, then `then` (`edit` prints the editor's address:
        printed at once, it answered "connection refused" for the whole first build, an outside tester's)."""
        self.preview = preview
        then()

    def __call__(self, path: Path, raw: bytes) -> list[str]:
        preview = self.preview
        if preview is None:  # (its backend answers from the start: a save then was taken unchecked, a tester's)
            return ["the preview is still making its first build, which checks a save: save again in a moment"]
        if (
            not is_explainer_name(path.name)  # as the build reads it: `.YAML` too (an outside tester's)
            or not path.is_relative_to(preview.build.project.explainers.resolve())
        ):
            return []
        with preview.lock:  # (a save the preview has read since, or a file gone, is the preview's to know)
            read = {kept.path: kept.claim for kept in preview.build.results.values()}
            self.saved = {
                file: claim for file, claim in self.saved.items() if read.get(file) != claim and file.exists()
            }
            path = path.resolve()
            saved = [claim for file, claim in self.saved.items() if file != path]
            found, claim = preview.build.problems_in(path, raw, saved)
            if not found:
                self.saved[path] = claim
            site = preview.build.site
            codes = frozenset(language.code for language in site.languages) if site else frozenset[str]()
        return [
            f"{field_label(problem.field, codes) or f'{path.name}, line {problem.line}'}: "
            + in_form_words(problem.message + (f" ({problem.hint})" if problem.hint else ""), codes)
            for problem in sorted(found)
        ]
