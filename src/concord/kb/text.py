"""Text normalisation for matching names in English, Hebrew and Russian.

``normalise`` is what the registry matches on: Unicode NFC, bidi marks removed, the geresh and
gershayim variants unified, the Hebrew maqaf and dashes turned into '-', case folded and spaces
collapsed. ``loose_key`` goes further (accents and niqqud dropped, only letters and digits kept)
and is the registry's second chance.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"
_GERESH = "\u05f3\u2019\u2018\u201b`\u00b4\u02bc\u02b9\u2032"
_GERSHAYIM = "\u05f4\u201c\u201d\u201e\u201f\u2033"
_DASHES = "\u05be\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"

_TABLE: dict[int, str | None] = {ord(c): None for c in _BIDI_MARKS}
_TABLE.update({ord(c): "'" for c in _GERESH})
_TABLE.update({ord(c): '"' for c in _GERSHAYIM})
_TABLE.update({ord(c): "-" for c in _DASHES})
_TABLE.update({ord("\u00a0"): " ", ord("\u202f"): " "})

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Return the matching form of ``text`` (NFC, no bidi marks, unified quotes, case folded)."""
    cleaned = unicodedata.normalize("NFC", text).translate(_TABLE)
    cleaned = _SPACES.sub(" ", cleaned).strip().casefold()
    return cleaned.strip(" .")


def loose_key(text: str) -> str:
    """Return ``normalise(text)`` without diacritics, niqqud, punctuation or spaces."""
    decomposed = unicodedata.normalize("NFKD", normalise(text))
    kept = (c for c in decomposed if not unicodedata.combining(c) and c.isalnum())
    return unicodedata.normalize("NFC", "".join(kept))
