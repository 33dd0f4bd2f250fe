"""Numbers written as words: small counts ("two agreements", "שלושה הסכמים") and simple
fractions ("a third of", "כשליש מהיצוא", "1/3 of").

Only the forms that are unambiguous in news text are read:

* **counts** 2-10 (Hebrew absolute and construct forms, English words) followed by a noun,
  a scale word or a unit. Not read: "one"/"אחד" (an article more often than a count);
  definite phrases ("the two sides", "שני הצדדים", "שלושת ההסכמים"); multipliers ("פי שלושה",
  "three times"); parts of larger numbers ("שלוש עשרה"); place names ("באר שבע", "קריית
  שמונה"); weekdays ("יום שני");
* **fractions** half, third, quarter, fifth, two thirds, three quarters (and "1/3"-style digit
  fractions with a denominator of 2-10) only in a partitive phrase: "of" after the fraction in
  English, a word with the prefix מ (or a construct with ה that is not a time phrase such as
  "מחצית השנה") after it in Hebrew. Their value is a percentage (a third = 33.33 %).

:func:`find_word_numbers` returns candidates with their value; the grammar reads prefix
letters, hedges, scale words and units around them like around digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from concord.claims.lexicon import ORDINALS, SCALES, alternation

_HE = "\u05d0-\u05ea"

HEBREW_COUNTS: Final[dict[str, int]] = {
    "שני": 2,
    "שתי": 2,
    "שלושה": 3,
    "שלוש": 3,
    "ארבעה": 4,
    "ארבע": 4,
    "חמישה": 5,
    "חמש": 5,
    "שישה": 6,
    "שש": 6,
    "שבעה": 7,
    "שבע": 7,
    "שמונה": 8,
    "תשעה": 9,
    "תשע": 9,
    "עשרה": 10,
    "עשר": 10,
}
ENGLISH_COUNTS: Final[dict[str, int]] = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
#: Fraction words -> percent. Longer phrases are tried first.
HEBREW_FRACTIONS: Final[dict[str, float]] = {
    "שני שלישים": 200 / 3,
    "שלושה רבעים": 75.0,
    "שליש": 100 / 3,
    "מחצית": 50.0,
    "חצי": 50.0,
    "רבע": 25.0,
}
ENGLISH_FRACTIONS: Final[dict[str, float]] = {
    "two thirds": 200 / 3,
    "two-thirds": 200 / 3,
    "three quarters": 75.0,
    "three-quarters": 75.0,
    "a half": 50.0,
    "one half": 50.0,
    "half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "one-third": 100 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "one-quarter": 25.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "one-fifth": 20.0,
}

#: Words before a count that make it part of something else: multipliers, place names, and
#: nouns after which "שני" is the ordinal "second" ("מקום שני", "שלב שני", "יום שני").
_HE_BLOCK_BEFORE: Final = frozenset(
    {
        "פי",
        "באר",
        "קריית",
        "קרית",
        "בית",
        "אחת",
        "אחד",
        "יום",
        "מקום",
        "סבב",
        "שלב",
        "חלק",
        "פרק",
        "רבעון",
        "דור",
        "גל",
        "שבוע",
        "חודש",
        "סעיף",
        "עמוד",
        "תואר",
        "ערוץ",
    }
)
_EN_BLOCK_BEFORE: Final = frozenset(
    {
        "the",
        "both",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "all",
        "other",
        "first",
        "last",
        "next",
        "past",
        "every",
        "each",
        "top",
        "of",
        "one",
        "or",
    }
)
#: Words after a count or fraction that make it not a claim (or part of a larger number).
_HE_BLOCK_AFTER: Final = frozenset(
    {"של", "את", "עם", "על", "או", "פעמים", "מהם", "מהן", "מתוך", "עשר", "עשרה", "ואחד", "ואחת"}
)
_EN_BLOCK_AFTER: Final = frozenset(
    {
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "times",
        "more",
        "less",
        "hundred",
        "thousand",
        "point",
        "decades",
        "fold",
        "is",
        "are",
        "was",
        "were",
        "who",
        "which",
        "that",
        "than",
    }
)
#: Hebrew nouns that start with ה without the article (הסכם, השקעה, ...): a count before them
#: is indefinite ("שני הסכמים"); before any other ה-word it is the definite "the two ...".
_HE_H_NOUNS: Final = (
    "הסכמ",
    "השקע",
    "הצהר",
    "הלווא",
    "החלט",
    "הזמנ",
    "התקפ",
    "הפגנ",
    "הודע",
    "היתר",
    "הצע",
    "התחייבוי",
    "הסדר",
    "הנפק",
    "הרוג",
    "הפסק",
)
#: Time phrases after a Hebrew fraction in construct ("מחצית השנה", "ברבע הראשון").
_HE_TIME: Final = frozenset(
    {"השנה", "שנה", "השנים", "המאה", "העשור", "השעה", "היום", "החודש", "שעה", "יום"}
)
_EN_PREVIOUS_FOR_HALF: Final = frozenset({"first", "second", "last", "the", "and", "latter"})

_HE_WORD = re.compile(rf"[{_HE}']+")
_EN_WORD = re.compile(r"[A-Za-z]+")


_HE_PATTERN = re.compile(
    rf"(?<![{_HE}'])[ובלמכ]{{0,2}}(?P<word>{alternation([*HEBREW_FRACTIONS, *HEBREW_COUNTS])})"
    rf"(?![{_HE}'\-])"
)
_EN_PATTERN = re.compile(
    rf"(?<![\w-])(?P<word>{alternation([*ENGLISH_FRACTIONS, *ENGLISH_COUNTS])})(?![\w-])",
    re.IGNORECASE,
)
_DIGIT_FRACTION = re.compile(r"(?<![0-9./,])(?P<num>[1-9])/(?P<den>[0-9]{1,2})(?![0-9/.,])")


@dataclass(frozen=True, slots=True)
class WordNumber:
    """A number written in words (or a digit fraction): ``value`` is a count or a percent."""

    value: float
    kind: Literal["count", "fraction"]
    start: int
    end: int


def _next_word(text: str, end: int, pattern: re.Pattern[str]) -> str:
    if end >= len(text) or text[end] != " ":
        return ""
    m = pattern.match(text, end + 1, min(len(text), end + 40))
    return m.group() if m else ""


def _previous_word(text: str, start: int, pattern: re.Pattern[str]) -> str:
    if start < 2 or text[start - 1] != " ":
        return ""
    words = list(pattern.finditer(text, max(0, start - 41), start - 1))
    if not words or words[-1].end() != start - 1:
        return ""
    return words[-1].group()


def _stems(word: str) -> set[str]:
    """The word without up to two prefix letters ("ובקריית" -> קריית)."""
    stems = {word}
    for cut in (1, 2):
        if len(word) - cut >= 3 and all(c in "ובלמכש" for c in word[:cut]):
            stems.add(word[cut:])
    return stems


def _hebrew(text: str, m: re.Match[str]) -> WordNumber | None:
    word = m.group("word")
    following = _next_word(text, m.end(), _HE_WORD)
    if not following or following in _HE_BLOCK_AFTER:
        return None
    if word in HEBREW_FRACTIONS:
        return _hebrew_fraction(word, following, m)
    previous = _previous_word(text, m.start(), _HE_WORD)
    if _stems(previous) & (_HE_BLOCK_BEFORE | HEBREW_COUNTS.keys()):
        return None  # "פי שלושה", "שלוש עשרה", "יום שני", "באר שבע"
    if following.startswith("ה") and not following.startswith(_HE_H_NOUNS):
        return None  # "שני הצדדים": the two sides
    if following in HEBREW_COUNTS or following in ORDINALS:
        return None
    return WordNumber(float(HEBREW_COUNTS[word]), "count", m.start("word"), m.end())


def _hebrew_fraction(word: str, following: str, m: re.Match[str]) -> WordNumber | None:
    if _stems(following) & SCALES.keys():
        return None  # "חצי מיליון" is a number, not a share
    partitive = following.startswith("מ") or (
        following.startswith("ה")
        and following not in _HE_TIME
        and following not in ORDINALS
        and word != "חצי"
    )
    if not partitive:
        return None
    return WordNumber(HEBREW_FRACTIONS[word], "fraction", m.start("word"), m.end())


def _english(text: str, m: re.Match[str]) -> WordNumber | None:
    word = m.group("word").lower()
    start, end = m.span()
    following = _next_word(text, end, _EN_WORD).lower()
    previous = _previous_word(text, start, _EN_WORD).lower()
    if word in ENGLISH_FRACTIONS:
        if following != "of" or (word == "half" and previous in _EN_PREVIOUS_FOR_HALF):
            return None
        return WordNumber(ENGLISH_FRACTIONS[word], "fraction", start, end)
    if not following or following in _EN_BLOCK_AFTER or previous in _EN_BLOCK_BEFORE:
        return None
    if following in ENGLISH_COUNTS or following in ORDINALS:
        return None
    return WordNumber(float(ENGLISH_COUNTS[word]), "count", start, end)


def _digit_fraction(text: str, m: re.Match[str]) -> WordNumber | None:
    num, den = int(m.group("num")), int(m.group("den"))
    if not 2 <= den <= 10 or num >= den:
        return None
    following = _next_word(text, m.end(), re.compile(rf"[{_HE}A-Za-z]+"))
    if following.lower() != "of" and not following.startswith("מ"):
        return None
    return WordNumber(100 * num / den, "fraction", m.start(), m.end())


def find_word_numbers(text: str) -> list[WordNumber]:
    """Counts and fractions written in words, and digit fractions, in normalised ``text``."""
    found: list[WordNumber] = []
    for pattern, read in (
        (_HE_PATTERN, _hebrew),
        (_EN_PATTERN, _english),
        (_DIGIT_FRACTION, _digit_fraction),
    ):
        for m in pattern.finditer(text):
            number = read(text, m)
            if number is not None:
                found.append(number)
    found.sort(key=lambda n: n.start)
    kept: list[WordNumber] = []
    for number in found:
        if not kept or number.start >= kept[-1].end:
            kept.append(number)
    return kept
