"""Aggregate a synthetic 50 M-row BACI-format file to pair totals: rows/s and peak memory.

    /work/venv/bin/python benchmarks/bench_baci.py [--rows 50000000] [--repeat 2] [--peer]

Writes ``/tmp/concord-bench-baci/BACI_HS92_Y2022_synthetic.csv`` (t,i,j,k,v,q; 220 x 220
countries, 5,000 HS6 codes; about 1.6 GB) once, then times :func:`concord.baseline.read_baci`
in a fresh child process per repeat (best of N) and reports the child's peak resident memory.
With ``--peer`` it also times the usual pandas approach (``read_csv`` in 5 M-row chunks +
``groupby``) on the same file and prints the ratio.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

DIR = Path("/tmp/concord-bench-baci")
N_COUNTRIES = 220

CHILD_CONCORD = """
import json, resource, sys, time
from concord.baseline import read_baci
t = time.perf_counter()
out = read_baci(sys.argv[1], country_codes=sys.argv[2], memory_limit=sys.argv[3])
dt = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": dt, "peak_mb": peak, "rows": out.rows_read, "pairs": len(out.flows),
                  "total": float(out.flows.value_usd.sum())}))
"""

CHILD_PANDAS = """
import json, resource, sys, time
import pandas as pd
t = time.perf_counter()
parts = []
rows = 0
for chunk in pd.read_csv(sys.argv[1], usecols=["t", "i", "j", "v"], chunksize=5_000_000):
    rows += len(chunk)
    parts.append(chunk.groupby(["t", "i", "j"], as_index=False)["v"].sum())
agg = pd.concat(parts).groupby(["t", "i", "j"], as_index=False)["v"].sum()
dt = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": dt, "peak_mb": peak, "rows": rows, "pairs": len(agg),
                  "total": float(agg.v.sum()) * 1000}))
"""


def generate(rows: int) -> tuple[Path, Path]:
    import duckdb

    DIR.mkdir(parents=True, exist_ok=True)
    data = DIR / f"BACI_HS92_Y2022_synthetic_{rows}.csv"
    codes = DIR / "country_codes_synthetic.csv"
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    with codes.open("w") as handle:
        handle.write("country_code,country_name,country_iso2,country_iso3\n")
        for k in range(1, N_COUNTRIES + 1):
            iso = "X" + letters[k // 26 % 26] + letters[k % 26]
            handle.write(f"{k},Country {k},{iso[:2]},{iso}\n")
    if not data.exists():
        t = time.perf_counter()
        tmp = data.with_suffix(".tmp")
        duckdb.execute(
            f"""COPY (SELECT 2022 AS t, (r % {N_COUNTRIES}) + 1 AS i,
                     ((r // {N_COUNTRIES}) % {N_COUNTRIES}) + 1 AS j,
                     lpad(CAST((r * 7919) % 5000 + 10000 AS VARCHAR), 6, '0') AS k,
                     round(((r * 2654435761) % 1000000) / 1000.0, 3) AS v,
                     round(((r * 40503) % 100000) / 100.0, 3) AS q
                FROM range({rows}) AS s(r))
               TO '{tmp}' (HEADER, DELIMITER ',', FORMAT csv)"""
        )
        tmp.rename(data)
        size = data.stat().st_size / 1e9
        print(f"generated {rows:,} rows ({size:.2f} GB) in {time.perf_counter() - t:.1f} s")
    return data, codes


def run_child(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--memory-limit", default="2GB")
    parser.add_argument("--peer", action="store_true", help="also time pandas chunked groupby")
    args = parser.parse_args()
    data, codes = generate(args.rows)
    runs = [run_child(CHILD_CONCORD, str(data), str(codes), args.memory_limit)
            for _ in range(args.repeat)]  # fmt: skip
    best = min(runs, key=lambda r: r["seconds"])
    print(
        f"concord read_baci (DuckDB, memory_limit {args.memory_limit}): best of {args.repeat}: "
        f"{best['seconds']:.1f} s, {best['rows'] / best['seconds'] / 1e6:.2f} M rows/s, "
        f"peak memory {max(r['peak_mb'] for r in runs):.0f} MB, {best['pairs']:,} pairs"
    )
    if args.peer:
        peer = run_child(CHILD_PANDAS, str(data))
        same = abs(peer["total"] - best["total"]) <= 1e-9 * abs(best["total"])
        print(
            f"pandas chunked groupby: {peer['seconds']:.1f} s, "
            f"{peer['rows'] / peer['seconds'] / 1e6:.2f} M rows/s, peak memory "
            f"{peer['peak_mb']:.0f} MB; totals agree: {same}"
        )
        print(f"ratio (pandas time / concord time): {peer['seconds'] / best['seconds']:.1f}x")


if __name__ == "__main__":
    main()
