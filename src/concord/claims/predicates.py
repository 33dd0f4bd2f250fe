"""Which fact a quantity states: the predicate, read from the words around it.

Each rule names a predicate base, the units it accepts and its keywords (Hebrew stems match
inside words, so prefixes do not matter; English keywords match at word starts). A rule may also
require other words somewhere in the sentence (uranium, world), be ruled out by others (a
commodity: "oil exports" are not total exports), and have weak keywords that count as farther
away ("worth" says little about what is worth it). The rule whose keyword stands closest to the
quantity wins. Currency predicates get the currency code as suffix (``trade_turnover_usd``),
matching the evidence base's predicate names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

#: How far (characters) from the quantity a keyword may stand.
_REACH: Final = 250
_CURRENCIES: Final = frozenset({"USD", "ILS", "EUR", "KZT", "RUB", "CNY", "GBP"})
#: Extra distance (characters) charged to a weak keyword, and to one past another quantity.
_WEAK: Final = 40
_PAST_ANOTHER: Final = 100


@dataclass(frozen=True, slots=True)
class Rule:
    """One predicate rule; ``units`` may contain 'currency' for any currency."""

    predicate: str
    units: frozenset[str | None]
    keywords: re.Pattern[str] | None
    requires: tuple[re.Pattern[str], ...] = ()
    excludes: tuple[re.Pattern[str], ...] = ()
    weak: re.Pattern[str] | None = None


def _words(hebrew: str, english: str) -> re.Pattern[str]:
    parts = [re.escape(w) for w in hebrew.split("|") if w]
    parts += [rf"\b{re.escape(w)}" for w in english.split("|") if w]
    return re.compile("|".join(parts), re.IGNORECASE)


_URANIUM = _words("אורניום", "uranium")
_WORLD = _words("עולמי|בעולם|העולם", "world|global")
_ECONOMY = _words('תמ"ג|תוצר|כלכל', "gdp|economy|economic|gross domestic")
_CUR = frozenset({"currency"})
_PER_CAPITA = _words("לנפש", "per capita|per head")
_COMMODITY = _words(
    "נפט|גז|חיטה|אורניום|פחם|נחושת|זהב|טונגסטן",
    "oil|crude|gas|wheat|uranium|coal|copper|gold|tungsten|grain",
)
_RAIL = _words("מסיל|רכבת", "rail")
_PRODUCER = _words("יצרנ|מפיק|יצואנ|ספק", "produc|exporter|supplier|miner")
_TOTAL = _words("מסתכם|בסך|סך הכול|סך הכל|כולל", "total|altogether|in all")
_INLAND_SEA = _words("כספי|ארל", "caspian|aral")

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "land_boundary_total_km",
        frozenset({"km"}),
        _words("גבולה היבשתי|גבולות היבשה|הגבול היבשתי|גבול יבשתי", "land boundar|land border"),
        (_TOTAL,),
    ),
    Rule("border_length_km", frozenset({"km"}), _words("גבול", "border|frontier|boundar")),
    Rule("shoreline_km", frozenset({"km"}), _words("חוף", "coast|shore"), (_INLAND_SEA,)),
    Rule("coastline_km", frozenset({"km"}), _words("חוף", "coast")),
    Rule("area_sq_km", frozenset({"km2"}), None),
    Rule(
        "uranium_mine_production_world_share_pct",
        frozenset({"%"}),
        _words(
            "תפוקה|ייצור|יצור|הפק|אספקה|מהתפוק|מהייצור", "output|production|supply|share|produc"
        ),
        (_URANIUM, _WORLD),
    ),
    Rule(
        "world_share_pct",
        frozenset({"%"}),
        _words("תפוקה|ייצור|יצור|הפק|אספקה", "output|production|supply|share|produc"),
        (_WORLD,),
    ),
    Rule(
        "real_gdp_growth_pct",
        frozenset({"%"}),
        _words("צמיח|צמח|גדל|גידול", "growth|grew|grow|expand"),
        (_ECONOMY,),
    ),
    Rule("export_partner_share_pct", frozenset({"%"}), _words("יצוא|ייצוא", "export")),
    Rule("import_partner_share_pct", frozenset({"%"}), _words("יבוא|ייבוא", "import")),
    Rule("uranium_mine_production_t", frozenset({"t"}), None, (_URANIUM,)),
    Rule("railway_electrified_km", frozenset({"km"}), _words("מחושמל", "electrif"), (_RAIL,)),
    Rule("railway_length_km", frozenset({"km"}), _RAIL),
    Rule("trade_turnover", _CUR, _words("סחר|מסחר|מחזור", "trade|turnover")),
    Rule(
        "gdp_per_capita",
        _CUR,
        _words('תמ"ג|התוצר|תוצר', "gdp|gross domestic product"),
        (_PER_CAPITA,),
    ),
    Rule(
        "gdp",
        _CUR,
        _words('תמ"ג|התוצר|תוצר', "gdp|gross domestic product|economy"),
        excludes=(_PER_CAPITA,),
    ),
    Rule("exports", _CUR, _words("יצוא|ייצוא|ייצא", "export"), excludes=(_COMMODITY,)),
    Rule("imports", _CUR, _words("יבוא|ייבוא|ייבא", "import"), excludes=(_COMMODITY,)),
    Rule("investment", _CUR, _words("השקע|השקיע", "invest")),
    Rule(
        "deal_value",
        _CUR,
        _words(
            "עסק|הסכם|הסכמ|חוזה|חוזים|מזכר|התחייב|רכיש|הזמנ",
            "deal|agreement|contract|pledge|buy|purchase|order",
        ),
        weak=_words("בשווי", "worth|valued"),
    ),
)

_AGREEMENT_NOUNS: Final = re.compile(
    r"^(?:הסכמ|עסקאות|עסקות|חוזים|מזכרי|agreement|deal|accord|memorand|contract|document)",
    re.IGNORECASE,
)
_AREA_WORDS: Final = _words("מדינה|המדינה|שטח", "country|area|territor")


def _unit_class(unit: str | None) -> str | None:
    return "currency" if unit in _CURRENCIES else unit


def _rank_predicate(sentence: str) -> str | None:
    if _URANIUM.search(sentence):
        return "uranium_production_rank"
    if _PRODUCER.search(sentence):
        return None  # a producer's rank in some commodity: no reference to check it against
    if _ECONOMY.search(sentence):
        return "gdp_world_rank"
    return "area_rank" if _AREA_WORDS.search(sentence) else None


class SentenceWords:
    """Keyword positions of one sentence, found once and shared by its quantities."""

    def __init__(self, sentence: str, quantities: list[tuple[int, int]] | None = None) -> None:
        self.sentence = sentence
        self.quantities = quantities or []
        self._found: dict[int, list[tuple[int, int]]] = {}
        self._present: dict[int, bool] = {}

    def has(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern`` occurs anywhere in the sentence."""
        key = id(pattern)
        if key not in self._present:
            self._present[key] = pattern.search(self.sentence) is not None
        return self._present[key]

    def spans(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """Every match of ``pattern`` in the sentence."""
        key = id(pattern)
        if key not in self._found:
            self._found[key] = [m.span() for m in pattern.finditer(self.sentence)]
        return self._found[key]


def _distance(words: SentenceWords, rule: Rule, start: int, end: int) -> int | None:
    """How far the rule's nearest keyword stands from the quantity (None: out of reach); a
    keyword with another quantity in between belongs to that one first."""
    if rule.keywords is None:
        return len(words.sentence) + 1

    def far(a: int, b: int) -> int:
        lo, hi = (b, start) if b <= start else (end, a)
        between = any(lo <= q_start and q_end <= hi for q_start, q_end in words.quantities)
        return max(a - end, start - b, 0) + (_PAST_ANOTHER if between else 0)

    distances = [far(a, b) for a, b in words.spans(rule.keywords)]
    if rule.weak is not None:
        distances += [far(a, b) + _WEAK for a, b in words.spans(rule.weak)]
    if not distances or min(distances) > _REACH:
        return None
    return min(distances)


def predicate_for(
    sentence: str | SentenceWords, start: int, end: int, unit: str | None, noun: str | None
) -> str | None:
    """The predicate of the quantity at ``[start, end)`` of ``sentence``, or ``None``."""
    words = sentence if isinstance(sentence, SentenceWords) else SentenceWords(sentence)
    if unit == "rank":
        return _rank_predicate(words.sentence)
    if unit is None:
        return "agreements_signed_count" if noun and _AGREEMENT_NOUNS.match(noun) else None
    unit_class = _unit_class(unit)
    best: tuple[int, str] | None = None
    for rule in RULES:
        if unit_class not in rule.units or not all(words.has(p) for p in rule.requires):
            continue
        if any(words.has(p) for p in rule.excludes):
            continue
        distance = _distance(words, rule, start, end)
        if distance is not None and (best is None or distance < best[0]):
            best = (distance, rule.predicate)
    if best is None:
        return None
    predicate = best[1]
    if unit_class == "currency" and unit is not None:
        predicate = f"{predicate}_{unit.lower()}"
    return predicate
