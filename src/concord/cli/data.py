"""``concord data import``: aggregate downloaded trade data sets (BACI, ITPD-E, CEPII Gravity)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from concord.cli._app import app, print_json
from concord.errors import InputError

data_app = typer.Typer(no_args_is_help=True, help="Trade data sets: import and aggregate.")
import_app = typer.Typer(
    no_args_is_help=True, help="Aggregate a downloaded data set to pair totals (CSV or Parquet)."
)
data_app.add_typer(import_app, name="import")
app.add_typer(data_app, name="data")

Out = Annotated[Path, typer.Option("--out", "-o", help="Output file: .csv or .parquet.")]
Years = Annotated[
    list[int] | None, typer.Option("--year", help="Keep only these years; repeatable.")
]
Json = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def write_table(frame: Any, out: Path) -> None:
    """Write a DataFrame to CSV or Parquet atomically (temporary file, then rename)."""
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise InputError(f"output {out} must end in .csv or .parquet")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False)
        else:
            import duckdb

            con = duckdb.connect(":memory:")
            try:
                con.register("frame", frame)
                escaped = str(tmp).replace("'", "''")
                con.execute(f"COPY frame TO '{escaped}' (FORMAT parquet)")
            finally:
                con.close()
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def _write_flows(imported: Any, out: Path, json_output: bool) -> None:
    """Write the imported pair flows to ``out`` and print what was read and left out."""
    write_table(imported.flows, out)
    payload = {
        "source": imported.source,
        "files": list(imported.files),
        "rows_read": imported.rows_read,
        "pairs": len(imported.flows),
        "years": sorted(int(y) for y in imported.flows["year"].unique()),
        "unmapped_codes": imported.unmapped.to_dict(orient="records"),
        "out": str(out),
    }
    if json_output:
        print_json(payload)
        return
    typer.echo(f"{imported}; written to {out}")
    for row in payload["unmapped_codes"]:
        typer.echo(
            f"  unmapped code {row['code']}: {row['value_usd']:,.0f} USD (not in the output)"
        )


@import_app.command("baci")
def import_baci(  # noqa: PLR0917
    files: Annotated[list[Path], typer.Argument(help="BACI yearly CSV (or Parquet) files.")],
    codes: Annotated[Path, typer.Option("--codes", help="BACI country_codes_V*.csv file.")],
    out: Out,
    year: Years = None,
    memory_limit: Annotated[str | None, typer.Option(help="DuckDB memory limit, e.g. 2GB.")] = None,
    json_output: Json = False,
) -> None:
    """CEPII BACI HS6 rows -> exporter, importer, year, value_usd (out of core, DuckDB)."""
    from concord.baseline import read_baci

    imported = read_baci(files, country_codes=codes, years=year, memory_limit=memory_limit)
    _write_flows(imported, out, json_output)


@import_app.command("itpde")
def import_itpde(
    files: Annotated[list[Path], typer.Argument(help="ITPD-E CSV file(s).")],
    out: Out,
    year: Years = None,
    sector: Annotated[
        list[str] | None, typer.Option("--sector", help="broad_sector to keep; repeatable.")
    ] = None,
    json_output: Json = False,
) -> None:
    """USITC ITPD-E industry rows -> pair totals in USD, domestic flows included."""
    from concord.baseline import read_itpde

    imported = read_itpde(files, years=year, sectors=sector)
    _write_flows(imported, out, json_output)


@import_app.command("gravity")
def import_gravity(
    files: Annotated[list[Path], typer.Argument(help="CEPII Gravity CSV file(s).")],
    out: Out,
    year: Years = None,
    json_output: Json = False,
) -> None:
    """CEPII Gravity -> pair table: distances, contiguity, language, FTA, GDPs, BACI flow."""
    from concord.baseline import read_cepii_gravity

    frame = read_cepii_gravity(files, years=year)
    write_table(frame, out)
    if json_output:
        print_json({"source": "CEPII Gravity", "pairs": len(frame), "out": str(out)})
    else:
        typer.echo(f"CEPII Gravity: {len(frame):,} pair-years written to {out}")
