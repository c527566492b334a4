"""The one place content is hashed: cache keys, content-hashed file names and translation fingerprints."""

from __future__ import annotations

import hashlib
import posixpath


def digest(data: bytes) -> str:
    """A file's or a text's identity (sha256, hex): what the build cache compares."""
    return hashlib.sha256(data).hexdigest()


def hashed_name(name: str, data: bytes) -> str:
    """`assets/style.css` → `assets/style.1a2b3c4d5e.css`, so hosts can cache assets for a year."""
    stem, extension = posixpath.splitext(name)
    return f"{stem}.{digest(data)[:10]}{extension}"
