"""One type for every problem found in content, and one way to print it; how a command stops on Ctrl-C."""

from __future__ import annotations

import errno
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """Something an editor must fix, located as precisely as the YAML allows.

    `line` and `col` are 1-based, as editors and their tools count them.
    """

    path: Path
    line: int
    col: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{shown(self.path)}:{self.line}:{self.col}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return escaped(f"{where}: {what}" + (f" ({self.hint})" if self.hint else ""))


# C0 and C1 controls, DEL, line and paragraph separators, and the bidi embeddings, overrides and isolates; and
# what shows nothing and means nothing (a soft hyphen, the zero-width space, the word joiner and invisible
# operators, a byte order mark), which made `new`'s refusal of `x\u200by` look like a safe slug (an outside
# tester's). Not the joiners Persian writes with, nor the marks of direction a message sets mixed text with.
_UNSAFE = [*range(0x20), *range(0x7F, 0xA0), 0xAD, 0x200B, 0x2028, 0x2029, *range(0x202A, 0x202F)]
_UNSAFE += [*range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF]
_ESCAPES = str.maketrans({code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in _UNSAFE})
# A file name's byte that is not UTF-8, as Python names it (U+DC80–U+DCFF): the byte, escaped (it was printed raw).
_ESCAPES.update({0xDC00 + byte: f"\\x{byte:02x}" for byte in range(0x80, 0x100)})


def escaped(text: str) -> str:
    """Text safe to print on one terminal line: a key or file name holding an escape sequence or a line
    break (typed by mistake or planted) cannot recolour the terminal, hide text, or forge another
    `file:line:` line. Each such character is shown as a Python-style escape (`\\x1b`, `\\n`→`\\x0a`);
    applying it twice changes nothing more."""
    return text.translate(_ESCAPES)


def shown(path: Path) -> str:
    """A path as the editor typed it: relative to the working folder when it is inside it; escaped to print."""
    here = Path.cwd()
    try:
        return escaped(Path(os.path.abspath(path)).relative_to(here).as_posix())  # a link is named, not followed
    except ValueError:
        pass
    try:
        return escaped(path.resolve().relative_to(here.resolve()).as_posix())  # the working folder is a link
    except (ValueError, OSError, RuntimeError):
        return escaped(str(path))


class ContentError(Exception):
    """Raised once with every problem found, so an editor fixes them all in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)


def refuse(command: str, reason: str) -> int:
    """A command line that asks for something outside the project, or names none: one line, exit 2, nothing
    written."""
    print(f"python -m generator {command}: {reason}.", file=sys.stderr)
    return 2


def template_frame(error: BaseException, templates: Path) -> traceback.FrameSummary | None:
    """The last step of an error's traceback in a template of `templates`: Jinja puts the template's own file,
    line and source line there (the command's last word on an error, and a page that failed as it rendered)."""
    frames = [step for step in traceback.extract_tb(error.__traceback__) if Path(step.filename).parent == templates]
    return frames[-1] if frames else None


def interrupted(number: int, frame: object) -> None:
    """Ctrl-C (`python -m generator`'s SIGINT handler): raised as Python's own handler raises it, and
    remembered (`stopped`). A library that catches what its callbacks raise (pydantic makes it a validation or
    schema error) let a build go on and publish after Ctrl-C, or end in an internal error (an outside
    tester's, at the start of a build); what Ctrl-C meant is asked again where it matters."""
    global _stopped
    _stopped = True
    raise KeyboardInterrupt


_stopped = False
_placed = False


def stopped() -> bool:
    """Whether Ctrl-C came, whatever became of its KeyboardInterrupt."""
    return _stopped


def site_placed(placed: bool = True) -> None:
    """The new site is in its folder's place: Ctrl-C after it leaves the new site, not the old one (a build said
    "the site folder is as it was" of a folder that held the new site, an outside tester's). False: a command
    begins."""
    global _placed
    _placed = placed


def placed() -> bool:
    return _placed


# What to do about the system's refusals a build meets in the project's own folders: its words alone ("operation
# not permitted (.site-new)") left an editor guessing (an outside tester's).
_WHAT_TO_DO = {
    errno.ENOSPC: "free some space on that disk",
    errno.EDQUOT: "free some space: the disk quota is used up",
    errno.EACCES: "the account that builds needs permission there (ls -l; chmod)",
    errno.EPERM: "the system forbids it there: the folder is another user's or has a flag set (lsattr; chattr -i)",
    errno.EROFS: "the disk is mounted read-only",
    errno.EISDIR: "a folder stands where a file goes; remove it",
    errno.ENOTEMPTY: "a folder stands where a file goes; remove it",
}


def system_error(error: OSError, advice: bool = True) -> str:
    """`no space left on device (site/.site-new/index.html): free some space on that disk`: what the system
    said, the file it was about, and (`advice`) what to do."""
    what = (error.strerror or str(error) or "system error").lower()
    where = f" ({shown(Path(os.fsdecode(error.filename)))})" if error.filename else ""
    to_do = _WHAT_TO_DO.get(error.errno or 0, "") if advice else ""
    return escaped(what) + where + (f": {to_do}" if to_do else "")
