"""From text to claims: quantities tied to their subjects, predicate and year.

``extract_claims(text)`` normalises the text, splits it into sentences, runs the quantity
grammar and the gazetteer, and builds one :class:`Claim` per quantity:

* **subjects**: the entities of the sentence when it holds one quantity. With several
  quantities, every entity after the first quantity belongs to the quantity nearest to it;
  a quantity is about the entities it owns before it (a new subject: "ונמיביה 7,333 טון"),
  else the sentence's main subjects (the entities before the first quantity), plus the ones it
  owns after it ("24% of Kazakhstan's imports"); for two-place facts (borders, trade) a new
  subject replaces the first main one and keeps the other ("X shares with Y a border of A km,
  and Z one of B km"). A sentence without entities speaks of the main (first) subject of the
  last sentence with entities in the same paragraph (of all its entities when it says "the two
  sides"), else of ``default_subject``. Entities named only in an aside (a clause between
  commas that holds no quantity, is not the first clause with a name, and says more than
  names: "Bahrain, the GCC's smallest economy, grew 2.8%") are not subjects. Companies are
  assigned the same way but kept apart (``companies``); they are not subjects;
* **predicate**: see :mod:`concord.claims.predicates`; exports and imports between two
  countries become ``bilateral_exports_usd`` etc. (not the country's total);
* **year**: the year right after the quantity (before the next one), else the nearest one
  before it, else the first one after it, in the same sentence;
* spans and sentences are offsets into the original text, not the normalised one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from concord.claims.grammar import Quantity, scan
from concord.claims.lexicon import Hedge
from concord.claims.linking import Gazetteer, Mention, default_gazetteer
from concord.claims.normalize import NormalizedText, normalize
from concord.claims.predicates import SentenceWords, predicate_for
from concord.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

Language = Literal["he", "en"]
_TWO_PLACE = ("border_length_km", "trade_turnover")
_FLOWS = ("exports_", "imports_")
#: Longest stretch of text treated as one sentence.
MAX_SENTENCE = 1000
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"')\]]|$)|\n[ \t]*\n|\n")
_ABBREVIATIONS = re.compile(r"(?<![\w.])(?:[A-Z]|U\.S|U\.K|est|approx|Mr|Dr|St|No|vs|etc|c)$")
_CLAUSE_MARK = re.compile(r"[,;](?![0-9])")
_CLAUSE_GAP = 50
_CLAUSE_WORD = re.compile(r"[^\W\d_]+")
_LIST_WORDS = frozenset({"and", "or", "the", "as", "well"})
_HEBREW = re.compile("[\u05d0-\u05ea]")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
#: A sentence without names speaks of the previous sentence's main subject, unless it says
#: "both": then of all its entities.
_BOTH_SIDES = re.compile(
    r"\b(?:the two (?:sides|countries|states|governments)|both (?:sides|countries)|the sides)\b"
    r"|שני הצדדים|שתי המדינות|הצדדים|שתיהן|שניהם",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One quantitative claim; ``start``/``end`` index the original text."""

    subjects: tuple[str, ...]
    predicate: str | None
    value: float
    unit: str | None
    year: int | None
    hedge: Hedge | None
    start: int
    end: int
    text: str
    sentence: str
    language: Language
    upper: float | None = None
    companies: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON-ready fields."""
        return {
            "subjects": list(self.subjects),
            "predicate": self.predicate,
            "value": self.value,
            "upper": self.upper,
            "unit": self.unit,
            "year": self.year,
            "hedge": self.hedge,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence,
            "language": self.language,
            "companies": list(self.companies),
        }


@dataclass(frozen=True, slots=True)
class Claims:
    """The claims of one text, in text order."""

    claims: tuple[Claim, ...]
    mentions: tuple[Mention, ...]

    def __len__(self) -> int:
        return len(self.claims)

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims)

    def to_frame(self) -> pd.DataFrame:
        """One row per claim (columns as in :meth:`Claim.to_dict`; subjects joined by ',')."""
        import pandas as pd

        columns = list(Claim.__dataclass_fields__)
        rows = [
            c.to_dict() | {"subjects": ",".join(c.subjects), "companies": ",".join(c.companies)}
            for c in self.claims
        ]
        return pd.DataFrame(rows, columns=columns)

    def __str__(self) -> str:
        lines = [f"{len(self.claims)} claims"]
        for c in self.claims:
            subjects = "/".join(c.subjects) or "?"
            lines.append(f"  {subjects:<12} {c.predicate or '-':<40} {c.text}")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    paragraph: int


def _sentences(text: str) -> list[_Sentence]:
    paragraph_breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    result: list[_Sentence] = []
    start = 0
    paragraph = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and _ABBREVIATIONS.search(
            text, max(0, m.start() - 8), m.start()
        ):
            continue
        end = m.end()
        while paragraph < len(paragraph_breaks) and paragraph_breaks[paragraph] < start:
            paragraph += 1
        if text[start:end].strip():
            result.append(_Sentence(start, end, paragraph))
        start = end
    if text[start:].strip():
        while paragraph < len(paragraph_breaks) and paragraph_breaks[paragraph] < start:
            paragraph += 1
        result.append(_Sentence(start, len(text), paragraph))
    return [piece for sentence in result for piece in _bounded(text, sentence)]


def _bounded(text: str, sentence: _Sentence) -> list[_Sentence]:
    """Cut a run-on "sentence" (no full stop for pages) into pieces of at most
    :data:`MAX_SENTENCE` characters at spaces, so the work per quantity stays bounded."""
    pieces = []
    start = sentence.start
    while sentence.end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = start + MAX_SENTENCE if cut < 0 else cut + 1
        pieces.append(_Sentence(start, cut, sentence.paragraph))
        start = cut
    pieces.append(_Sentence(start, sentence.end, sentence.paragraph))
    return pieces


def _unique(entities: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(entities))


def _subjects(
    quantity: Quantity,
    quantities: list[Quantity],
    mentions: list[Mention],
    predicate: str | None,
    text: str,
) -> tuple[str, ...]:
    """Who a quantity is about, when a sentence holds several (see the module docs)."""
    everyone = _unique([m.entity for m in mentions])
    if len(quantities) <= 1 or not everyone:
        return everyone
    first = quantities[0].start
    main = _unique([m.entity for m in mentions if m.start < first])
    before: list[str] = []
    after: list[str] = []
    for m in mentions:
        if m.start < first or _nearest(m, quantities, text) is not quantity:
            continue
        (before if m.start < quantity.start else after).append(m.entity)
    lead = _unique(before) or main
    if before and main and predicate is not None and predicate.startswith(_TWO_PLACE):
        # "X shares with Y a border of A km, and Z one of B km": Z replaces X, Y stays
        lead = _unique([*before, *(main[1:] or main[:1])])
    return _unique([*lead, *after]) or everyone


def _main_clauses(
    mentions: list[Mention], quantities: list[Quantity], text: str, lo: int, hi: int
) -> list[Mention]:
    """Leave out the entities of asides: a clause (between commas or semicolons) that holds
    no quantity, is not the first clause that names an entity, and says more than names
    ("Bahrain, the GCC's smallest economy, grew 2.8%"; "..., with Armenia's participation
    frozen"). A clause of names only is part of a list and stays. If nothing would stay,
    all mentions stay."""
    if len(mentions) < 2:
        return mentions
    cuts = [m.start() for m in _CLAUSE_MARK.finditer(text, lo, hi)]
    if not cuts:
        return mentions
    clause_of = [bisect_right(cuts, m.start) for m in mentions]
    with_quantity = {bisect_right(cuts, q.start) for q in quantities}
    main = min(clause_of)
    bounds = [lo, *(c + 1 for c in cuts), hi]
    kept = []
    for mention, clause in zip(mentions, clause_of, strict=True):
        if clause in with_quantity or clause == main:
            kept.append(mention)
            continue
        c_lo, c_hi = bounds[clause], bounds[clause + 1]
        names = [(m.start, m.end) for m in mentions if c_lo <= m.start < c_hi]
        words = [
            w
            for w in _CLAUSE_WORD.finditer(text, c_lo, c_hi)
            if len(w.group()) > 1
            and w.group().lower() not in _LIST_WORDS
            and not any(a <= w.start() < b for a, b in names)
        ]
        if len(words) < 2:
            kept.append(mention)
    return kept or mentions


def _nearest(mention: Mention, quantities: list[Quantity], text: str) -> Quantity:
    """The quantity closest to a mention (the earlier one on a tie); a comma or semicolon
    between them counts as a long way ("2,330 ק"מ, וקירגיזסטן ...")."""

    def distance(q: Quantity) -> int:
        lo, hi = (q.end, mention.start) if q.end <= mention.start else (mention.end, q.start)
        gap = max(hi - lo, 0)
        return gap + (_CLAUSE_GAP if _CLAUSE_MARK.search(text, lo, max(lo, hi)) else 0)

    return min(quantities, key=distance)


def _year(quantity: Quantity, following: int, years: list[tuple[int, int, int]]) -> int | None:
    """The year after the quantity (before the next quantity at ``following``), else the
    nearest one before it, else the first one after: "5.1% in 2023 to 4.8% in 2024"."""
    after = [(start, year) for start, _, year in years if quantity.end <= start < following]
    if after:
        return min(after)[1]
    before = [(quantity.start - end, year) for _, end, year in years if end <= quantity.start]
    if before:
        return min(before)[1]
    later = [(start, year) for start, _, year in years if start >= quantity.end]
    if later:
        return min(later)[1]
    inside = [year for start, end, year in years if start < quantity.end and end > quantity.start]
    return inside[0] if inside else None


def extract_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in ``text``, with spans and surface text from the original."""
    _require_text(text)
    norm = normalize(text)
    return tuple(_to_original(norm, q) for q in scan(norm.text).quantities)


def _require_text(text: object) -> None:
    if not isinstance(text, str):
        raise InputError(f"claims need text (a str), not {type(text).__name__}; decode bytes first")


def _to_original(norm: NormalizedText, q: Quantity) -> Quantity:
    start, end = norm.to_original(q.start, q.end)
    return replace(q, start=start, end=end, text=norm.original[start:end])


def _window(items: list[Any], starts: list[int], lo: int, hi: int) -> list[Any]:
    """The items (sorted by start) that start in ``[lo, hi)``."""
    return items[bisect_left(starts, lo) : bisect_left(starts, hi)]


def extract_claims(
    text: str, *, default_subject: str | None = None, gazetteer: Gazetteer | None = None
) -> Claims:
    """The quantitative claims of ``text`` (Hebrew, English or mixed); see the module docs."""
    _require_text(text)
    norm = normalize(text)
    linker = gazetteer or default_gazetteer()
    found = scan(norm.text)
    linked = linker.link(norm.text)
    quantities_all = list(found.quantities)
    q_starts = [q.start for q in quantities_all]
    m_starts = [m.start for m in linked]
    years_all = sorted(
        [(y.start, y.end, y.year) for y in found.years]
        + [(d.start, d.end, d.year) for d in found.dates if d.year is not None]
    )
    y_starts = [y[0] for y in years_all]
    claims: list[Claim] = []
    carried: tuple[str, ...] = (default_subject,) if default_subject else ()
    paragraph = -1
    for sentence in _sentences(norm.text):
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            carried = (default_subject,) if default_subject else ()
        lo, hi = sentence.start, sentence.end
        here = _window(linked, m_starts, lo, hi)
        mentions = [m for m in here if m.kind != "company"]
        if mentions:
            carried = _unique([m.entity for m in mentions])
        quantities = _window(quantities_all, q_starts, lo, hi)
        if not quantities:
            continue
        mentions = _main_clauses(mentions, quantities, norm.text, lo, hi)
        firms = [m for m in here if m.kind == "company"]
        body = norm.text[lo:hi]
        years = _window(years_all, y_starts, lo, hi)
        language: Language = "he" if _HEBREW.search(body) else "en"
        o_start, o_end = norm.to_original(lo, hi)
        original_sentence = text[o_start:o_end].strip()
        words = SentenceWords(body, [(q.start - lo, q.end - lo) for q in quantities])
        for index, q in enumerate(quantities):
            following = quantities[index + 1].start if index + 1 < len(quantities) else hi
            predicate = predicate_for(words, q.start - lo, q.end - lo, q.unit, q.noun)
            subjects = _subjects(q, quantities, mentions, predicate, norm.text)
            companies = _subjects(q, quantities, firms, None, norm.text)
            if not subjects:
                subjects = carried if _BOTH_SIDES.search(body) else carried[:1]
            if predicate and predicate.startswith(_FLOWS) and len(subjects) > 1:
                predicate = f"bilateral_{predicate}"  # "Israel's exports to Azerbaijan"
            start, end = norm.to_original(q.start, q.end)
            claims.append(
                Claim(
                    subjects=subjects,
                    predicate=predicate,
                    value=q.value,
                    unit=q.unit,
                    year=_year(q, following, years),
                    hedge=q.hedge,
                    start=start,
                    end=end,
                    text=text[start:end],
                    sentence=original_sentence,
                    language=language,
                    upper=q.upper,
                    companies=companies,
                )
            )
    mentions_original = []
    for m in linked:
        start, end = norm.to_original(m.start, m.end)
        mentions_original.append(Mention(m.entity, start, end, text[start:end], m.kind, m.demonym))
    return Claims(tuple(claims), tuple(mentions_original))
