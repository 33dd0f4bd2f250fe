"""Dates and ordinal ranks: matched before plain numbers, so their digits are not quantities.

Each pattern starts with a plain character class or literal, so the regex engine skips ahead
fast; what must (or must not) stand before a match is checked by :func:`_guard` in Python.
"""

from __future__ import annotations

import re

from concord.claims.lexicon import (
    ENGLISH_MONTHS,
    HEBREW_MONTHS,
    ORDINALS,
    PREFIX_LETTERS,
    alternation,
)
from concord.claims.spans import DateMention, Quantity

_HE_MONTH = alternation(HEBREW_MONTHS)
_EN_MONTH = "|".join(
    re.escape(m.capitalize()) for m in sorted(ENGLISH_MONTHS, key=len, reverse=True)
)
_YEAR = r"(?P<year>1[89][0-9]{2}|20[0-9]{2})"
_NOT_NUMBER = frozenset("0123456789.,")
_DATES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            rf"(?P<day>[0-9]{{1,2}})[ ]?(?:-[ ]?)?(?:[בל]-?)?[ ]?(?P<month>{_HE_MONTH})"
            rf"(?:[ ,]{{1,2}}{_YEAR})?(?![0-9])"
        ),
        "number",
    ),
    (re.compile(rf"(?P<month>{_HE_MONTH})[ ,]{{1,2}}{_YEAR}(?![0-9])"), "hebrew"),
    (
        re.compile(
            rf"(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?[ ](?:of[ ])?(?P<month>{_EN_MONTH})"
            rf"\.?(?:,?[ ]{_YEAR})?(?![0-9])"
        ),
        "number",
    ),
    (
        re.compile(
            rf"(?P<month>{_EN_MONTH})\.?[ ](?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:,[ ]?{_YEAR})?(?![0-9])"
        ),
        "latin",
    ),
    (re.compile(rf"(?P<month>{_EN_MONTH})\.?,?[ ]{_YEAR}(?![0-9])"), "latin"),
    (
        re.compile(rf"{_YEAR}-(?P<month>[0-9]{{1,2}})-(?P<day>[0-9]{{1,2}})(?![0-9])"),
        "number",
    ),
    (
        re.compile(
            r"(?P<day>[0-9]{1,2})[./](?P<month>[0-9]{1,2})[./]"
            r"(?P<year>(?:19|20)[0-9]{2})(?![0-9])"
        ),
        "number",
    ),
]
_HE_ORDINALS = {k: v for k, v in ORDINALS.items() if not k.isascii()}
# plural forms of the masculine ordinals: השלישי -> השלישיים, השלישיות; הראשון -> הראשונים
_HE_ORDINALS |= {
    k + ending: v
    for k, v in list(_HE_ORDINALS.items())
    if k.endswith(("י", "ון"))
    for ending in ("ים", "ות")
}
_EN_ORDINALS = {k: v for k, v in ORDINALS.items() if k.isascii()}
_ORDINAL_VALUES = _HE_ORDINALS | _EN_ORDINALS
_RANKS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(rf"(?P<ord>{alternation(_HE_ORDINALS)}) (?:ב(?:גודל[הוןם]|היקפ[הוןם])|בעולם)"),
        "hebrew",
    ),
    # "במקום ה-2 בעולם", "במקום השלישי"
    (
        re.compile(
            rf"מקום (?P<ord>ה-?[0-9]{{1,2}}(?![0-9]|[.,][0-9])"
            rf"|{alternation(_HE_ORDINALS)}(?![\u05d0-\u05ea]))"
        ),
        "hebrew",
    ),
    (re.compile(r"(?P<first>הגדול(?:ה)?(?: ביותר)? בעולם)"), "hebrew"),
    (
        re.compile(
            rf"(?P<ord>{alternation([*_EN_ORDINALS, *(w.capitalize() for w in _EN_ORDINALS)])}"
            r"|[0-9]{1,2}(?:st|nd|rd|th))[ -](?:largest|biggest)"
        ),
        "word",
    ),
    (re.compile(r"(?P<first>[Ww]orld's (?:largest|biggest))"), "word"),
    # "ranks second", "ranked 3rd"
    (
        re.compile(
            rf"(?:[Rr]anks?|[Rr]anked) (?P<ord>{alternation(_EN_ORDINALS)}"
            r"|[0-9]{1,2}(?:st|nd|rd|th))(?![\w-])"
        ),
        "word",
    ),
]


def _guard(text: str, start: int, kind: str) -> bool:
    """What stands before ``start`` allows a match: no digit before a number, no letter before
    a Latin word, only prefix letters (ו ה ש ב כ ל מ, maqaf) before a Hebrew word."""
    if start == 0:
        return True
    before = text[start - 1]
    if kind == "number":
        return before not in _NOT_NUMBER
    if kind == "latin":
        return not ("A" <= before <= "z" and before.isalpha())
    if kind == "word":
        return not (before.isalnum() or before == "_")
    i = start - 1 if before == "-" else start
    for _ in range(3):
        if i > 0 and text[i - 1] in PREFIX_LETTERS:
            i -= 1
    return i == 0 or not "\u05d0" <= text[i - 1] <= "\u05ea"


def find_dates(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    for pattern, guard in _DATES:
        for m in pattern.finditer(text):
            if not _guard(text, m.start(), guard):
                continue
            groups = m.groupdict()
            month_text = groups["month"]
            if month_text.isdigit():
                month = int(month_text)
            else:
                month = HEBREW_MONTHS.get(month_text) or ENGLISH_MONTHS[month_text.lower()]
            day = int(groups["day"]) if groups.get("day") else None
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            year = int(groups["year"]) if groups.get("year") else None
            found.append(DateMention(year, month, day, m.start(), m.end()))
    found.sort(key=lambda d: (d.start, d.start - d.end))
    kept: list[DateMention] = []
    for date in found:
        if not kept or date.start >= kept[-1].end:
            kept.append(date)
    return kept


def find_ranks(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for pattern, guard in _RANKS:
        for m in pattern.finditer(text):
            if not _guard(text, m.start(), guard):
                continue
            if "first" in pattern.groupindex:
                value, start = 1.0, m.start("first")
            else:
                word = m.group("ord").lower()
                value = float(_ORDINAL_VALUES.get(word) or int(re.sub(r"\D", "", word)))
                start = m.start("ord")
            found.append(Quantity(value, "rank", None, start, m.end(), text[start : m.end()]))
    found.sort(key=lambda q: (q.start, q.start - q.end))
    kept: list[Quantity] = []
    for rank in found:  # "במקום השלישי בעולם" matches two patterns: keep one
        if not kept or rank.start >= kept[-1].end:
            kept.append(rank)
    return kept
