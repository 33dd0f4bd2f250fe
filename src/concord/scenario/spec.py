"""Scenario specification: a TOML file validated into a frozen :class:`Scenario`.

A scenario names a baseline year and source, one or more accords with their existing members
and dated accessions, the accord's trade-cost effect (coefficient, standard error, source), the
elasticity of substitution, the Monte Carlo draws and the executor. Example::

    [scenario]
    name = "kazakhstan-abraham-accords"
    title = "Kazakhstan joins the Abraham Accords"
    year = 2024                 # baseline year
    mode = "ex_ante"            # "ex_ante": accessions are added; "ex_post": the accord is removed
    sigma = 7.0                 # elasticity of substitution (> 1)
    draws = 500                 # Monte Carlo draws of the effect (0: point estimate only)
    seed = 20251106
    executor = "local"          # local processes; "serial"; or a Dask address "tcp://host:8786"
    minerals = ["uranium"]      # optional: adds a minerals section to the result

    [baseline]
    source = "factbook"         # embedded default; or "itpde" / "baci" with path = "..."

    [[accord]]
    bloc = "AA"                 # evidence-base id or name ("Abraham Accords")
    members = ["ISR", "ARE", "BHR", "MAR", "SDN"]   # members before the scenario
    accession = [{ country = "Kazakhstan", date = 2025-11-06 }]

    [accord.effect]             # omit the table for the default preset
    preset = "yotov2016-pair-fe"   # or coefficient = 0.5, se = 0.1, source = "..."
                                   # or estimate = { panel = "panel.csv", agreement = "rta" }

    [claims]                    # optional: a text whose quantitative claims the run checks
    file = "article.txt"        # UTF-8, relative to the TOML; and/or text = '''...'''
    subject = "Kazakhstan"      # optional: who a sentence without names is about

Validation collects every problem (unknown countries and blocs, accessions dated before the bloc
existed, a missing effect size, bad numbers, unknown keys, a missing, empty or too large claims
text) and raises one :class:`~concord.errors.ValidationError` listing them all.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from concord.errors import InputError, ValidationError
from concord.scenario import _checks as ck

Mode = Literal["ex_ante", "ex_post"]
EffectKind = Literal["preset", "given", "estimated"]
BaselineKind = Literal["factbook", "itpde", "baci"]
PairRule = Literal["all", "counterparty"]


@dataclass(frozen=True, slots=True)
class EffectPreset:
    """A published trade-cost effect of a trade agreement, with its citation."""

    name: str
    coefficient: float
    se: float
    source: str


#: The default effect of an accord on trade between its members: the pair-fixed-effects RTA
#: estimate of Yotov, Piermartini, Monteiro & Larch (2016), Chapter 1, Table 3, column (4).
YOTOV2016_PAIR_FE = EffectPreset(
    name="yotov2016-pair-fe",
    coefficient=0.557,
    se=0.102,
    source=(
        "Yotov, Piermartini, Monteiro & Larch (2016), An Advanced Guide to Trade Policy "
        "Analysis: The Structural Gravity Model (WTO/UNCTAD), Ch. 1 Table 3 col. (4): PPML with "
        "exporter-year, importer-year and pair fixed effects, 1986-2006, N = 28,482; "
        "RTA 0.557 (0.102), SE clustered by pair"
    ),
)
#: Presets by name.
PRESETS: dict[str, EffectPreset] = {YOTOV2016_PAIR_FE.name: YOTOV2016_PAIR_FE}


@dataclass(frozen=True, slots=True)
class Effect:
    """The accord's effect on log trade between members (a PPML coefficient) and its source.

    ``coefficient`` and ``se`` are ``None`` only when ``kind == "estimated"``: the runner
    estimates them from ``panel`` before solving.
    """

    kind: EffectKind
    coefficient: float | None
    se: float | None
    source: str
    panel: Path | None = None
    agreement: str = "rta"
    years: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Accession:
    """A country joining an accord on a date."""

    country: str
    date: dt.date
    note: str = ""


@dataclass(frozen=True, slots=True)
class Accord:
    """An accord (bloc) with its members before the scenario and the scenario's accessions."""

    bloc: str
    members: tuple[str, ...]
    accessions: tuple[Accession, ...]
    effect: Effect
    pairs: PairRule = "all"
    counterparty: str | None = None
    founded: dt.date | None = None

    @property
    def members_after(self) -> tuple[str, ...]:
        """Members once every accession has happened."""
        return self.members + tuple(a.country for a in self.accessions)


@dataclass(frozen=True, slots=True)
class BaselineSource:
    """Where the world trade baseline comes from."""

    kind: BaselineKind = "factbook"
    path: Path | None = None


@dataclass(frozen=True, slots=True)
class ClaimsText:
    """The text of a scenario's ``[claims]`` table, read at validation time.

    ``text`` is the file's text followed by the inline ``text`` (when both are given);
    ``source`` names where it came from (the file name, ``"inline"``, or both);
    ``subject`` is the entity a sentence without names is about (``None``: none).
    """

    text: str
    source: str
    subject: str | None = None
    file: Path | None = None


#: Largest claims text accepted (bytes of UTF-8): an article, not a corpus.
MAX_CLAIMS_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class Scenario:
    """A validated scenario; build it with :func:`parse_scenario` or :func:`load_scenario`."""

    name: str
    title: str
    year: int
    mode: Mode
    accords: tuple[Accord, ...]
    baseline: BaselineSource = field(default_factory=BaselineSource)
    sigma: float = 7.0
    draws: int = 500
    seed: int = 0
    executor: str = "local"
    minerals: tuple[str, ...] = ()
    description: str = ""
    aliases: tuple[str, ...] = ()
    path: Path | None = None
    claims: ClaimsText | None = None

    @property
    def countries(self) -> tuple[str, ...]:
        """Every country the scenario names (members and accessions), in order, once."""
        seen: dict[str, None] = {}
        for accord in self.accords:
            for iso in accord.members_after:
                seen.setdefault(iso, None)
        return tuple(seen)

    def with_options(self, *, draws: int | None = None, executor: str | None = None) -> Scenario:
        """Copy with the run options replaced (validated like the TOML values)."""
        problems: list[str] = []
        new_draws = self.draws if draws is None else ck.check_draws(draws, problems)
        new_exec = self.executor if executor is None else ck.check_executor(executor, problems)
        if problems:
            raise ValidationError(f"scenario {self.name}", problems)
        return _replace(self, draws=new_draws, executor=new_exec)


def _replace(obj: Scenario, **changes: Any) -> Scenario:
    import dataclasses

    return dataclasses.replace(obj, **changes)


class EntityLookup(Protocol):
    """What validation needs from the evidence base (``concord.kb`` by default)."""

    def country(self, name: str) -> str: ...

    def bloc(self, name: str) -> str: ...

    def bloc_founded(self, bloc: str) -> dt.date | None: ...


_TOP_KEYS = {"scenario", "baseline", "accord", "claims"}
_SCENARIO_KEYS = {
    "name",
    "title",
    "year",
    "mode",
    "sigma",
    "draws",
    "seed",
    "executor",
    "minerals",
    "description",
    "aliases",
}
_ACCORD_KEYS = {"bloc", "members", "accession", "effect", "pairs", "counterparty", "founded"}
# exp(5) multiplies trade by 148: beyond any published agreement effect.
MAX_EFFECT = 5.0
_EFFECT_KEYS = {"preset", "coefficient", "se", "source", "estimate"}


def load_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file; a syntax error becomes an :class:`InputError` naming the file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise InputError(f"scenario file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"scenario file {path} is not valid TOML: {exc}") from None


def parse_scenario(
    data: Mapping[str, Any], *, lookup: EntityLookup | None = None, path: Path | None = None
) -> Scenario:
    """Validate a parsed TOML mapping into a :class:`Scenario`; raise one ValidationError."""
    from concord.scenario._lookup import KbLookup

    look = lookup if lookup is not None else KbLookup()
    problems: list[str] = []
    ck.unknown_keys(data, _TOP_KEYS, "top level", problems)
    head = ck.table(data.get("scenario"), "[scenario]", problems)
    ck.unknown_keys(head, _SCENARIO_KEYS, "[scenario]", problems)
    name = ck.string(head.get("name"), "[scenario] name", problems) or "unnamed"
    year = ck.year(head.get("year"), problems)
    mode = head.get("mode", "ex_ante")
    if mode not in ("ex_ante", "ex_post"):
        problems.append(f"[scenario] mode must be 'ex_ante' or 'ex_post', not {mode!r}")
        mode = "ex_ante"
    sigma = ck.sigma(head.get("sigma", 7.0), problems)
    draws = ck.check_draws(head.get("draws", 500), problems)
    seed = head.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        problems.append(f"[scenario] seed must be a non-negative integer, not {seed!r}")
        seed = 0
    executor = ck.check_executor(head.get("executor", "local"), problems)
    minerals = ck.string_list(head.get("minerals", []), "[scenario] minerals", problems)
    aliases = ck.string_list(head.get("aliases", []), "[scenario] aliases", problems)
    baseline = _baseline(data.get("baseline", {}), path, problems)
    raw_accords = data.get("accord")
    if not isinstance(raw_accords, list) or not raw_accords:
        problems.append("no [[accord]] given: a scenario needs at least one accord")
        raw_accords = []
    accords = tuple(
        acc
        for index, raw in enumerate(raw_accords)
        if (acc := _accord(raw, index, look, path, problems)) is not None
    )
    claims = _claims(data["claims"], look, path, problems) if "claims" in data else None
    if problems:
        raise ValidationError(f"scenario {name}", problems)
    return Scenario(
        name=name,
        title=str(head.get("title", name)),
        year=year,
        mode=mode,
        accords=accords,
        baseline=baseline,
        sigma=sigma,
        draws=draws,
        seed=seed,
        executor=executor,
        minerals=tuple(m.lower() for m in minerals),
        description=str(head.get("description", "")),
        aliases=tuple(aliases),
        path=path,
        claims=claims,
    )


def _accord(
    raw: Any, index: int, look: EntityLookup, path: Path | None, problems: list[str]
) -> Accord | None:
    where = f"accord #{index + 1}"
    if not isinstance(raw, Mapping):
        problems.append(f"{where} must be a table")
        return None
    ck.unknown_keys(raw, _ACCORD_KEYS, where, problems)
    bloc = ck.resolve(look.bloc, raw.get("bloc"), f"{where} bloc", problems)
    where = f"accord {bloc}" if bloc else where
    founded = ck.date(raw["founded"], f"{where} founded", problems) if "founded" in raw else None
    if founded is None and bloc:
        founded = look.bloc_founded(bloc)
    members = tuple(
        iso
        for item in ck.string_list(raw.get("members", []), f"{where} members", problems)
        if (iso := ck.resolve(look.country, item, f"{where} member", problems))
    )
    accessions = _accessions(raw.get("accession", []), where, look, founded, problems)
    doubles = sorted({a.country for a in accessions} & set(members))
    if doubles:
        problems.append(f"{where}: {', '.join(doubles)} already a member, cannot accede")
    if not accessions and not members:
        problems.append(f"{where}: names neither members nor accessions")
    effect = _effect(raw.get("effect"), where, path, problems)
    pairs = raw.get("pairs", "all")
    if pairs not in ("all", "counterparty"):
        problems.append(f"{where} pairs must be 'all' or 'counterparty', not {pairs!r}")
    counterparty = None
    if raw.get("counterparty") is not None:
        counterparty = ck.resolve(
            look.country, raw["counterparty"], f"{where} counterparty", problems
        )
    if pairs == "counterparty" and counterparty is None:
        problems.append(f"{where}: pairs = 'counterparty' needs a counterparty country")
    if not bloc or effect is None:
        return None
    return Accord(bloc, members, accessions, effect, pairs, counterparty, founded)


def _accessions(
    raw: Any, where: str, look: EntityLookup, founded: dt.date | None, problems: list[str]
) -> tuple[Accession, ...]:
    if not isinstance(raw, list):
        problems.append(f"{where} accession must be a list of tables")
        return ()
    out: list[Accession] = []
    for item in raw:
        if not isinstance(item, Mapping):
            problems.append(f"{where} accession entries must be tables with country and date")
            continue
        iso = ck.resolve(look.country, item.get("country"), f"{where} accession country", problems)
        when = ck.date(
            item.get("date"), f"{where} accession of {item.get('country')} date", problems
        )
        if when is not None and founded is not None and when < founded:
            problems.append(
                f"{where}: accession of {iso or item.get('country')} dated {when.isoformat()} "
                f"is before the bloc existed ({founded.isoformat()})"
            )
        if iso and when is not None:
            out.append(Accession(iso, when, str(item.get("note", ""))))
    return tuple(out)


def _effect(  # noqa: PLR0911
    raw: Any, where: str, path: Path | None, problems: list[str]
) -> Effect | None:
    preset = YOTOV2016_PAIR_FE
    if raw is None:
        return Effect("preset", preset.coefficient, preset.se, preset.source)
    if not isinstance(raw, Mapping):
        problems.append(f"{where} effect must be a table")
        return None
    ck.unknown_keys(raw, _EFFECT_KEYS, f"{where} effect", problems)
    if "preset" in raw:
        found = PRESETS.get(str(raw["preset"]))
        if found is None:
            known = ", ".join(PRESETS)
            problems.append(f"{where} effect preset {raw['preset']!r} unknown (known: {known})")
            return None
        return Effect("preset", found.coefficient, found.se, found.source)
    if "estimate" in raw:
        return _estimated(raw["estimate"], where, path, problems)
    if "coefficient" not in raw:
        problems.append(
            f"{where}: missing effect size (give effect.coefficient with se and source, "
            "effect.preset = 'yotov2016-pair-fe', or effect.estimate)"
        )
        return None
    coef: Any = raw.get("coefficient")
    se: Any = raw.get("se")
    ok = True
    if not ck.is_number(coef) or not abs(float(coef)) <= MAX_EFFECT:
        problems.append(
            f"{where} effect coefficient must be a number between -{MAX_EFFECT} and "
            f"{MAX_EFFECT} (a PPML coefficient on log trade), not {coef!r}"
        )
        ok = False
    if not ck.is_number(se) or not 0 <= float(se) <= MAX_EFFECT:
        problems.append(
            f"{where} effect se must be a number between 0 and {MAX_EFFECT}, not {se!r}"
        )
        ok = False
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        problems.append(f"{where} effect needs a source (who estimated it, where)")
        ok = False
    if not ok:
        return None
    return Effect("given", float(coef), float(se), str(source))


def _estimated(raw: Any, where: str, path: Path | None, problems: list[str]) -> Effect | None:
    """``estimate = { panel = "file.csv", agreement = "rta", years = [1986, 1990] }``."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("panel"), str):
        problems.append(f"{where} effect.estimate needs panel = 'file.csv'")
        return None
    ck.unknown_keys(raw, {"panel", "agreement", "years"}, f"{where} effect.estimate", problems)
    panel = Path(raw["panel"])
    if not panel.is_absolute() and path is not None:
        panel = path.parent / panel
    agreement = raw.get("agreement", "rta")
    years = raw.get("years", [])
    ok = panel.exists() and isinstance(agreement, str)
    if not panel.exists():
        problems.append(f"{where} effect.estimate panel {panel} does not exist")
    if not isinstance(agreement, str):
        problems.append(f"{where} effect.estimate agreement must be a column name")
    if not isinstance(years, list) or not all(isinstance(y, int) for y in years):
        problems.append(f"{where} effect.estimate years must be a list of integers")
        ok = False
    if not ok:
        return None
    return Effect(
        "estimated",
        None,
        None,
        f"estimated by PPML from {panel}",
        panel=panel,
        agreement=agreement,
        years=tuple(years),
    )


def _baseline(raw: Any, path: Path | None, problems: list[str]) -> BaselineSource:
    if not isinstance(raw, Mapping):
        problems.append("[baseline] must be a table")
        return BaselineSource()
    ck.unknown_keys(raw, {"source", "path"}, "[baseline]", problems)
    kind = raw.get("source", "factbook")
    if kind not in ("factbook", "itpde", "baci"):
        problems.append(f"[baseline] source must be factbook, itpde or baci, not {kind!r}")
        return BaselineSource()
    if kind == "factbook":
        return BaselineSource()
    file = raw.get("path")
    if not isinstance(file, str):
        problems.append(f"[baseline] source {kind} needs path = 'file'")
        return BaselineSource()
    full = Path(file) if Path(file).is_absolute() or path is None else path.parent / file
    if not full.exists():
        problems.append(f"[baseline] path {full} does not exist")
    return BaselineSource(kind, full)


def _claims(
    raw: Any, look: EntityLookup, path: Path | None, problems: list[str]
) -> ClaimsText | None:
    """``[claims]``: ``file`` (relative to the TOML) and/or ``text``, optional ``subject``."""
    if not isinstance(raw, Mapping):
        problems.append("[claims] must be a table with file = '...' and/or text = '...'")
        return None
    ck.unknown_keys(raw, {"file", "text", "subject"}, "[claims]", problems)
    if "file" not in raw and "text" not in raw:
        problems.append("[claims] needs file = 'article.txt' or text = '...'")
        return None
    parts: list[str] = []
    sources: list[str] = []
    file: Path | None = None
    if "file" in raw:
        file = _claims_file(raw["file"], path, problems)
        if file is not None and (content := _read_claims(file, problems)) is not None:
            parts.append(content)
            sources.append(file.name)
    if "text" in raw:
        inline = raw["text"]
        if not isinstance(inline, str) or not inline.strip():
            problems.append("[claims] text must be a non-empty string")
        elif len(inline.encode("utf-8")) > MAX_CLAIMS_BYTES:
            problems.append(f"[claims] text is larger than {MAX_CLAIMS_BYTES:,} bytes")
        else:
            parts.append(inline)
            sources.append("inline")
    subject = None
    if raw.get("subject") is not None:
        subject = ck.resolve(look.country, raw["subject"], "[claims] subject", problems)
    text = "\n\n".join(parts)  # offsets of the claims stay those of the file
    if len(text.encode("utf-8")) > MAX_CLAIMS_BYTES:
        problems.append(f"[claims] file and text together exceed {MAX_CLAIMS_BYTES:,} bytes")
        return None
    if not parts:
        return None
    return ClaimsText(text, " + ".join(sources), subject, file)


def _claims_file(raw: Any, path: Path | None, problems: list[str]) -> Path | None:
    if not isinstance(raw, str) or not raw.strip():
        problems.append("[claims] file must be a file name, e.g. file = 'article.txt'")
        return None
    file = Path(raw)
    if not file.is_absolute() and path is not None:
        file = path.parent / file
    if not file.is_file():
        problems.append(f"[claims] file {file} does not exist")
        return None
    return file


def _read_claims(file: Path, problems: list[str]) -> str | None:
    size = file.stat().st_size
    if size > MAX_CLAIMS_BYTES:
        problems.append(
            f"[claims] file {file} is {size:,} bytes; the limit is {MAX_CLAIMS_BYTES:,}"
        )
        return None
    try:
        content = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.append(f"[claims] file {file} is not UTF-8 text")
        return None
    if not content.strip():
        problems.append(f"[claims] file {file} is empty")
        return None
    return content
