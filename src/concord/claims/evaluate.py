"""Precision and recall of the claim extractor on an annotated corpus.

Run ``python -m concord.claims.evaluate tests/claims/data/corpus.json
tests/claims/data/heldout.json`` (add ``--quantulum`` to score quantulum3 on the English
sentences as well). ``corpus.json`` is the development corpus the grammar was built against;
``heldout.json`` was written and scored once after that, without tuning.

A corpus is JSON: ``items``, each with ``lang``, ``text``, ``entities`` (ids named in the
text) and ``quantities`` (``value`` in base units, ``unit``, ``subjects``; optional ``upper``,
``hedge``, ``year``).

Scores:

* quantity precision / recall: a predicted quantity matches an unmatched gold one with the same
  unit and value (relative difference below 1e-6, and the same upper bound for ranges);
* subject linking: the share of matched quantities whose subject set equals the gold set;
* entity linking: precision / recall of the entity sets of every item (companies not scored);
* hedge and year: the share of matched quantities where they agree with the gold.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from concord.claims.extract import extract_claims
from concord.errors import InputError


@dataclass(frozen=True, slots=True)
class Predicted:
    """What an extractor returned for one quantity."""

    value: float
    unit: str | None
    upper: float | None = None
    subjects: tuple[str, ...] = ()
    hedge: str | None = None
    year: int | None = None


@dataclass(slots=True)
class Scores:
    """Counts for one slice of the corpus; ratios are properties."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    subjects_right: int = 0
    hedge_right: int = 0
    year_right: int = 0
    entities_predicted: int = 0
    entities_gold: int = 0
    entities_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def subject_accuracy(self) -> float:
        return self.subjects_right / self.matched if self.matched else 1.0

    @property
    def entity_precision(self) -> float:
        return self.entities_right / self.entities_predicted if self.entities_predicted else 1.0

    @property
    def entity_recall(self) -> float:
        return self.entities_right / self.entities_gold if self.entities_gold else 1.0

    def to_dict(self) -> dict[str, float | int]:
        """Counts and ratios."""
        return {
            "quantities_gold": self.gold,
            "quantities_predicted": self.predicted,
            "quantity_precision": round(self.precision, 4),
            "quantity_recall": round(self.recall, 4),
            "subject_linking": round(self.subject_accuracy, 4),
            "entity_precision": round(self.entity_precision, 4),
            "entity_recall": round(self.entity_recall, 4),
            "hedge_accuracy": round(self.hedge_right / self.matched, 4) if self.matched else 1.0,
            "year_accuracy": round(self.year_right / self.matched, 4) if self.matched else 1.0,
        }


def load_corpus(path: Path) -> list[dict[str, Any]]:
    """The items of a corpus file."""
    try:
        items = json.loads(Path(path).read_text(encoding="utf-8"))["items"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"{path}: not a readable claims corpus ({exc})") from exc
    return list(items)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _score_item(
    item: dict[str, Any], predicted: Sequence[Predicted], scores: Scores, *, units: bool = True
) -> None:
    gold = item["quantities"]
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    free = list(predicted)
    for g in gold:
        match = next(
            (
                p
                for p in free
                if (p.unit == g["unit"] or not units)
                and _same(p.value, g["value"])
                and _same(p.upper, g.get("upper"))
            ),
            None,
        )
        if match is None:
            scores.misses.append(f"{item['id']}: missed {g['value']:g} {g['unit']}")
            continue
        free.remove(match)
        scores.matched += 1
        scores.subjects_right += set(match.subjects) == set(g["subjects"])
        scores.hedge_right += match.hedge == g.get("hedge")
        scores.year_right += match.year == g.get("year")
        if set(match.subjects) != set(g["subjects"]):
            scores.misses.append(
                f"{item['id']}: subjects {sorted(match.subjects)} != {sorted(g['subjects'])}"
            )
    for p in free:
        scores.misses.append(f"{item['id']}: spurious {p.value:g} {p.unit}")


def concord_extractor(text: str) -> tuple[list[Predicted], set[str]]:
    """Concord's own extractor: quantities with subjects, and the linked entities."""
    claims = extract_claims(text)
    predicted = [Predicted(c.value, c.unit, c.upper, c.subjects, c.hedge, c.year) for c in claims]
    return predicted, {m.entity for m in claims.mentions if m.kind != "company"}


_QUANTULUM_UNITS = {
    "dollar": "USD",
    "euro": "EUR",
    "kilometre": "km",
    "square kilometre": "km2",
    "tonne": "t",
    "percentage": "%",
    "dimensionless": None,
}


def quantulum_extractor(text: str) -> tuple[list[Predicted], set[str]]:
    """quantulum3 (English only) as a peer: quantities only, no subjects or entities."""
    from quantulum3 import parser

    predicted = [
        Predicted(float(q.value), _QUANTULUM_UNITS.get(q.unit.name, q.unit.name))
        for q in parser.parse(text)
    ]
    return predicted, set()


Extractor = Callable[[str], tuple[list[Predicted], set[str]]]


def without_years(extractor: Extractor) -> Extractor:
    """The extractor with plain four-digit numbers 1800-2100 dropped (years, for a peer that
    reports them as quantities)."""

    def run(text: str) -> tuple[list[Predicted], set[str]]:
        predicted, entities = extractor(text)
        kept = [
            p
            for p in predicted
            if not (p.unit is None and p.value.is_integer() and 1800 <= p.value <= 2100)
        ]
        return kept, entities

    return run


def evaluate(
    items: Sequence[dict[str, Any]],
    extractor: Extractor = concord_extractor,
    *,
    units: bool = True,
) -> dict[str, Scores]:
    """Scores per language and for everything ('all'); ``units=False`` matches values only."""
    result = {"all": Scores()}
    for item in items:
        predicted, entities = extractor(item["text"])
        for key in ("all", item["lang"]):
            scores = result.setdefault(key, Scores())
            _score_item(item, predicted, scores, units=units)
            gold_entities = set(item["entities"])
            scores.entities_gold += len(gold_entities)
            scores.entities_predicted += len(entities)
            scores.entities_right += len(entities & gold_entities)
    return result


def _print(title: str, result: dict[str, Scores]) -> None:
    print(title)
    for key, scores in result.items():
        d = scores.to_dict()
        print(
            f"  {key:<4} quantities {d['quantities_gold']:>3} gold / {d['quantities_predicted']:>3}"
            f" found  precision {d['quantity_precision']:.3f}  recall {d['quantity_recall']:.3f}"
            f"  subject linking {d['subject_linking']:.3f}  entities P {d['entity_precision']:.3f}"
            f" R {d['entity_recall']:.3f}  hedge {d['hedge_accuracy']:.3f}  year"
            f" {d['year_accuracy']:.3f}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: print the scores of each corpus (with --verbose, every miss)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", type=Path, nargs="+", help="corpus JSON file(s)")
    parser.add_argument("--quantulum", action="store_true", help="also score quantulum3 (en)")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    for path in args.corpus:
        items = load_corpus(path)
        result = evaluate(items)
        _print(f"concord.claims on {path.name} ({len(items)} items)", result)
        if args.verbose:
            for miss in result["all"].misses:
                print("   ", miss)
        if args.quantulum:
            _print_peer(items)
    return 0


def _print_peer(items: Sequence[dict[str, Any]]) -> None:
    english = [i for i in items if i["lang"] == "en"]
    peers = [
        ("quantulum3, as is", evaluate(english, quantulum_extractor)),
        ("concord, values only", evaluate(english, units=False)),
        (
            "quantulum3, years dropped, values only",
            evaluate(english, without_years(quantulum_extractor), units=False),
        ),
    ]
    print("  English items, quantities only:")
    for title, result in peers:
        d = result["en"].to_dict()
        print(
            f"    {title:<40} precision {d['quantity_precision']:.3f}"
            f"  recall {d['quantity_recall']:.3f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
