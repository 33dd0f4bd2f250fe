"""Normalisation keeps exact offsets into the original text."""

from __future__ import annotations

import unicodedata

import pytest

from concord.claims import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ב\u05be2024", "ב-2024"),  # maqaf
        ("כ\u201340%", "כ-40%"),  # en dash
        ("ק\u05f4מ", 'ק"מ'),  # gershayim
        ("ק\u201dמ", 'ק"מ'),  # typographic right double quote
        ("אזרבייג\u05f3ן", "אזרבייג'ן"),  # geresh
        ("\u200fקזחסטן\u200e", "קזחסטן"),  # bidi marks
        ("1\u00a0460", "1 460"),  # no-break space
        ("קָזַחְסְטָן", "קזחסטן"),  # niqqud dropped
    ],
)
def test_variants_become_one_spelling(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_offsets_skip_deleted_bidi_marks() -> None:
    raw = "\u200fכ\u200f-40%\u200f עם סין"
    norm = normalize(raw)
    start = norm.text.index("40")
    o_start, o_end = norm.to_original(start, start + 3)
    assert raw[o_start:o_end] == "40%"


def test_nfc_composition_maps_to_the_whole_sequence() -> None:
    raw = "Cafe\u0301 1,460 km"
    norm = normalize(raw)
    assert norm.text == unicodedata.normalize("NFC", raw)
    e_index = norm.text.index("\u00e9")
    assert norm.to_original(e_index, e_index + 1) == (3, 5)
    k = norm.text.index("1,460")
    o_start, o_end = norm.to_original(k, k + 5)
    assert raw[o_start:o_end] == "1,460"


def test_hebrew_presentation_form_decomposes_with_offsets() -> None:
    raw = "\ufb2aלום 5"  # shin with shin dot, a presentation form
    norm = normalize(raw)
    five = norm.text.index("5")
    assert raw[slice(*norm.to_original(five, five + 1))] == "5"


def test_empty_text() -> None:
    norm = normalize("")
    assert norm.text == ""
    assert norm.to_original(0, 0) == (0, 0)
