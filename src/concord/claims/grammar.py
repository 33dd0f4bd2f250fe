"""The quantity grammar: numbers with their scale, unit, hedge, and the years and dates around them.

One design serves Hebrew and English (and mixed text): every number is found by one
precompiled pattern, then its neighbourhood is read with anchored patterns over bounded windows
(a few dozen characters before and after). Nothing in the grammar can backtrack over more than a
window, so the scan is linear in the length of the text.

Order of work, as hebrew-text.md recommends: full dates first (their numbers are not
quantities), then ordinal ranks, then every remaining number: prefix letters and hedges before
it, scale word and unit after it, a range partner, and finally the year-or-quantity decision.
Last, counts and fractions written in words (:mod:`concord.claims.numwords`) are read the same
way where they do not overlap a date, a rank or a number in digits.

:func:`scan` works on normalised text (:func:`concord.claims.normalize.normalize`) and returns
spans into it; :func:`concord.claims.extract.extract_quantities` maps them to the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from concord.claims.dates import find_dates, find_ranks
from concord.claims.lexicon import (
    CURRENCY_PREFIXES,
    HEDGES,
    IDENTIFIER_WORDS,
    PREFIX_LETTERS,
    SCALES,
    SHORT_SCALES,
    UNIT_SCALES,
    UNIT_WORDS,
    Hedge,
    alternation,
)
from concord.claims.numwords import WordNumber, find_word_numbers
from concord.claims.spans import DateMention, Quantity, Scan, YearMention

__all__ = ["DateMention", "Quantity", "Scan", "YearMention", "scan"]

_HE = "\u05d0-\u05ea"
_WINDOW = 40
_SCALED_LOWER = frozenset(w.lower() for w in UNIT_SCALES)
_MAX_DIGITS = 20


_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_PERCENT = re.compile(r" ?%")
_SCALE = re.compile(rf"[ \-]?({alternation(SCALES)})(?![^\W\d_])", re.IGNORECASE)
_SHORT_SCALE = re.compile(rf"({alternation(SHORT_SCALES)})(?![^\W\d_])", re.IGNORECASE)
_UNIT = re.compile(
    rf"[ \-]?(?:of |ה(?=[{_HE}]))?({alternation(UNIT_WORDS)})(?![^\W\d_])(?!\")",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(us\$|usd|nis|kzt|eur)\s?|(\$|€|₪|₸|₽|£)\s?)$", re.IGNORECASE
)
_PREFIX_BEFORE = re.compile(rf"(?<![{_HE}'\"])([{PREFIX_LETTERS}]{{1,3}})-?$")
_RANGE = re.compile(
    r"(?:[ ]?[-—][ ]?|[ ](?P<word>to|עד|and|ו-?|ל-?)[ ]?)(?P<cur>\$|€|₪)?"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
)
_RANK_AFTER = re.compile(r" (?:בגודל[הו]|בהיקפ[הו])")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"\S+")
_DURATIONS = frozenset({"years", "months", "decades", "days", "weeks", "year", "month"})


def _to_float(digits: str) -> float:
    return float(digits.replace(",", ""))


@dataclass(slots=True)
class _Before:
    start: int
    prefix: str
    hedge: Hedge | None
    currency: str | None
    percent: bool
    between: bool
    from_: bool
    skip: bool


def _read_before(text: str, start: int) -> _Before:
    """Read what stands before the number at ``start``: %, currency, prefix letters, hedge."""
    p = start
    percent = p >= 1 and text[p - 1] == "%" and (p < 2 or not text[p - 2].isdigit())
    if percent:
        p -= 1
    currency = None
    m = _CURRENCY_BEFORE.search(text, max(0, p - 5), p)
    if m and not percent:
        currency = CURRENCY_PREFIXES[(m.group(1) or m.group(2)).lower()]
        p = m.start()
    skip = p >= 1 and bool(_LATIN.match(text[p - 1]))
    if p >= 2 and text[p - 1] == "-" and (_LATIN.match(text[p - 2]) or text[p - 2].isdigit()):
        skip = True
    prefix = ""
    core_start = p
    m = _PREFIX_BEFORE.search(text, max(0, p - 4), p)
    if m:
        prefix = m.group(1)
        p = m.start()
    elif p >= 1 and "\u05d0" <= text[p - 1] <= "\u05ea":
        skip = True
    words = _tail_words(text, p)
    hedge, used = _hedge(words)
    if hedge is not None:
        core_start = words[-used][0]
        words = words[:-used]
    elif prefix.endswith("כ"):
        hedge = "about"
        core_start = p
    last = words[-1][1].lower().lstrip("([") if words else ""
    if last in IDENTIFIER_WORDS or last.lstrip(PREFIX_LETTERS) in IDENTIFIER_WORDS:
        skip = True
    between = last in ("בין", "between")
    from_ = last == "from" or prefix.endswith("מ")
    return _Before(core_start, prefix, hedge, currency, percent, between, from_, skip)


def _hedge(words: list[tuple[int, str]]) -> tuple[Hedge | None, int]:
    """The hedge the last one to three words make, and how many words it took."""
    for count in (3, 2, 1):
        if len(words) < count:
            continue
        phrase = " ".join(w for _, w in words[-count:]).lower()
        if count == 1:
            phrase = phrase.lstrip("([\"'")
            if phrase not in HEDGES and phrase[:1] in "ובלש":
                phrase = phrase[1:] if phrase[1:] in HEDGES else phrase[2:]
        if phrase in HEDGES:
            return HEDGES[phrase], count
    return None, 0


def _tail_words(text: str, p: int) -> list[tuple[int, str]]:
    """Up to three words that end right before position ``p`` (one space allowed)."""
    end = p - 1 if p >= 1 and text[p - 1] == " " else p
    if end < 1 or text[end - 1].isspace():
        return []
    lo = max(0, end - _WINDOW)
    words = [(m.start(), m.group()) for m in _WORD.finditer(text, lo, end)]
    if lo > 0 and words and words[0][0] == lo:
        words = words[1:]  # cut off by the window
    return words[-3:]


@dataclass(slots=True)
class _After:
    end: int
    scale: float
    unit: str | None
    noun: str | None


def _read_after(text: str, end: int, currency: str | None) -> _After | None:
    """Read scale word and unit after the number; ``None`` when the number is not a quantity."""
    limit = min(len(text), end + _WINDOW)
    m = _PERCENT.match(text, end, limit)
    if m:
        return _After(m.end(), 1.0, "%", None)
    e = end
    scale = 1.0
    m = _SCALE.match(text, e, limit)
    if m:
        scale = SCALES[m.group(1).lower()]
        e = m.end()
    elif currency is not None:
        m = _SHORT_SCALE.match(text, e, limit)
        if m:
            scale = SHORT_SCALES[m.group(1).lower()]
            e = m.end()
    unit = currency
    m = _UNIT.match(text, e, limit)
    if m and (unit is None or UNIT_WORDS[m.group(1).lower()] == unit):
        word = m.group(1)
        scaled = word.lower() in _SCALED_LOWER
        if not scaled or word in UNIT_SCALES:
            unit = UNIT_WORDS[word.lower()]
            scale *= UNIT_SCALES.get(word, 1.0)
            e = m.end()
    if e == end and end < len(text) and (text[end].isalpha()):
        return None  # "9th", "5G", "2024ב": not a quantity
    noun = None
    if unit is None:
        word = re.match(r" ([^\W\d_]+)", text[e:limit])
        noun = word.group(1).lower() if word else None
    return _After(e, scale, unit, noun)


def _is_year(value_text: str, after: _After, before: _Before) -> bool:
    if not (len(value_text) == 4 and value_text.isdigit() and 1800 <= int(value_text) <= 2100):
        return False
    if after.unit is not None or after.scale != 1.0 or before.percent:
        return False
    return before.hedge in (None, "up_to")


def _read_range(text: str, end: int, before: _Before) -> re.Match[str] | None:
    """A range partner after the number: "3-5", "3 to 5", "בין 3 ל-5", "between 3 and 5"."""
    r = _RANGE.match(text, end, min(len(text), end + _WINDOW))
    if r is None:
        return None
    word = r.group("word")
    if word in ("and", "ו", "ו-", "ל", "ל-") and not before.between:
        return None
    if word in ("to", "עד") and before.from_:
        return None  # "from 5 to 7" is a change, not a range
    return r


def _read_number(text: str, m: re.Match[str]) -> tuple[Quantity | YearMention | None, int]:
    """The quantity or year that the number ``m`` starts (or None), and where to go on."""
    start, end = m.span()
    before = _read_before(text, start)
    if before.skip:
        return None, end
    first = _to_float(m.group())
    r = _read_range(text, end, before)
    if r is not None:
        ranged = _ranged(text, m, r, before)
        if ranged is not None:
            return ranged
    after = _read_after(text, end, before.currency)
    if after is None:
        return None, end
    if _is_year(m.group(), after, before):
        return YearMention(int(first), start, end), end
    return _quantity(text, before, after, first, None), after.end


def _ranged(
    text: str, m: re.Match[str], r: re.Match[str], before: _Before
) -> tuple[Quantity | YearMention | None, int] | None:
    """Read "N1-N2 unit"; ``None`` when N2 is not above N1 and the pair is read as one number."""
    first = _to_float(m.group())
    upper_text = r.group("num")
    upper = _to_float(upper_text)
    after = _read_after(text, r.end(), before.currency)
    if after is None:
        return None, r.end()
    if _is_year(m.group(), after, before) and _is_year(upper_text, after, before):
        return YearMention(int(first), m.start(), r.end(), int(upper)), r.end()
    if upper > first:
        return _quantity(text, before, after, first, upper), after.end
    if r.group() == "-" + upper_text:
        return None, r.end()  # "787-9", "Su-35"-like designations, not a range
    return None


def _quantity(
    text: str, before: _Before, after: _After, value: float, upper: float | None
) -> Quantity:
    hedge = before.hedge
    if hedge == "more_than" and after.noun in _DURATIONS and text[before.start] in "oO":
        hedge = None  # "over 20 years" is a period, not "more than 20"
    unit = "%" if before.percent else after.unit
    if before.prefix.endswith("ה") and _RANK_AFTER.match(text, after.end):
        unit = "rank"
    return Quantity(
        value=value * after.scale,
        unit=unit,
        hedge=hedge,
        start=before.start,
        end=after.end,
        text=text[before.start : after.end],
        upper=None if upper is None else upper * after.scale,
        noun=after.noun,
    )


def _not_a_quantity(text: str, start: int, end: int) -> bool:
    """Digits that are part of something else: "1,46" tails, times (10:30), "24/7", "03-..."
    phone numbers, and runs too long to be a figure (account numbers, hashes)."""
    if end - start > _MAX_DIGITS:
        return True
    if start >= 2 and text[start - 1] in ".,:/" and text[start - 2].isdigit():
        return True
    if end + 1 < len(text) and text[end] in ":/" and text[end + 1].isdigit():
        return True
    return text[start] == "0" and end - start > 1 and text[start + 1].isdigit()


def scan(text: str) -> Scan:
    """Find dates, years and quantities in normalised ``text`` (linear time)."""
    dates = find_dates(text)
    ranks = find_ranks(text)
    blocked = sorted([(d.start, d.end) for d in dates] + [(r.start, r.end) for r in ranks])
    quantities: list[Quantity] = list(ranks)
    years: list[YearMention] = []
    block_index = 0
    position = 0
    while (m := _NUMBER.search(text, position)) is not None:
        start, end = m.span()
        position = end
        while block_index < len(blocked) and blocked[block_index][1] <= start:
            block_index += 1
        if block_index < len(blocked) and blocked[block_index][0] < end:
            position = max(position, blocked[block_index][1])
            continue
        if _not_a_quantity(text, start, end):
            continue
        found, position = _read_number(text, m)
        position = max(position, end)
        if isinstance(found, YearMention):
            years.append(found)
        elif found is not None:
            quantities.append(found)
    taken = sorted([(q.start, q.end) for q in quantities] + [(d.start, d.end) for d in dates])
    starts = [span[0] for span in taken]
    for number in find_word_numbers(text):
        i = bisect_left(starts, number.end)
        if i > 0 and taken[i - 1][1] > number.start:
            continue  # inside a date, a rank or a number in digits
        found_word = _word_quantity(text, number)
        if found_word is not None:
            quantities.append(found_word)
    quantities.sort(key=lambda q: q.start)
    return Scan(tuple(quantities), tuple(years), tuple(dates))


def _word_quantity(text: str, number: WordNumber) -> Quantity | None:
    """A count or fraction in words, with the hedge, prefix, scale and unit around it."""
    before = _read_before(text, number.start)
    if before.skip and number.kind == "count":
        return None
    if number.kind == "fraction":
        after = _After(number.end, 1.0, "%", None)
    else:
        read = _read_after(text, number.end, before.currency)
        if read is None:
            return None
        after = read
    return _quantity(text, before, after, number.value, None)
