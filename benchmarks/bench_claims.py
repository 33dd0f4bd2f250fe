"""Throughput of concord.claims against quantulum3 (the offline English peer), in one run.

    /work/venv/bin/python benchmarks/bench_claims.py [--size 200000] [--repeats 3]

Text: the sentences of tests/claims/data/corpus.json repeated to ``--size`` characters
(English only for the peer comparison, since quantulum3 has no Hebrew). Best of N runs.
Prints characters per second for each stage and the ratio concord / quantulum3.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "claims" / "data" / "corpus.json"


def best_of(function: Callable[[str], object], text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        began = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=200_000, help="characters per text")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from concord.claims import check_text, extract_claims, extract_quantities

    items = json.loads(CORPUS.read_text(encoding="utf-8"))["items"]
    texts = {}
    for lang in ("en", "he"):
        block = "\n".join(i["text"] for i in items if i["lang"] == lang) + "\n"
        texts[lang] = block * (args.size // len(block) + 1)
    extract_claims("warm up the gazetteer")

    rows: list[tuple[str, str, float]] = []
    for lang, text in texts.items():
        for name, function in (
            ("quantities (grammar)", extract_quantities),
            ("claims (grammar + linking)", extract_claims),
            ("claims + cross-check", check_text),
        ):
            rows.append((lang, name, len(text) / best_of(function, text, args.repeats)))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser as quantulum

        def per_line(text: str) -> None:
            # quantulum3 slows down badly on one long string; give it one sentence at a time
            for line in text.splitlines():
                quantulum.parse(line)

        quantulum.parse("warm up 5 km")
        peer = len(texts["en"]) / best_of(per_line, texts["en"], args.repeats)

    print(f"text: {args.size:,} characters per language, best of {args.repeats}")
    for lang, name, speed in rows:
        print(f"  {lang}  {name:<28} {speed / 1e3:10,.0f} k chars/s")
    print(f"  en  quantulum3 parse, per line   {peer / 1e3:10,.0f} k chars/s")
    ours = next(speed for lang, name, speed in rows if lang == "en" and name.startswith("quant"))
    print(f"ratio concord quantities / quantulum3 (English): {ours / peer:.1f}x")


if __name__ == "__main__":
    main()
