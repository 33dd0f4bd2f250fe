"""The multilingual registry of countries, blocs and companies: names and codes to entity ids.

Sources, in order of precedence when two entities claim the same spelling:

1. ISO 3166 alpha-3 and alpha-2 codes (pycountry);
2. English short, official and common names (pycountry), and CLDR territory names (Babel) in
   English, Hebrew and Russian;
3. Hebrew and Russian translations of the pycountry names (its gettext catalogues);
4. the curated aliases and bloc names in ``data/aliases.csv`` (spelling variants, short forms,
   acronyms in three languages) and the Factbook's own conventional names;
5. CIA GEC codes (only where they do not clash with an ISO code: "CH" is Switzerland, not the
   Factbook's China; use :meth:`Registry.from_gec` for Factbook codes).

Matching is on :func:`concord.kb.text.normalise` first and :func:`concord.kb.text.loose_key` second.
"""

from __future__ import annotations

import csv
import difflib
import gettext
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

from concord.errors import DataError, UnknownEntityError
from concord.kb.text import loose_key, normalise

if TYPE_CHECKING:
    import pandas as pd

Language = Literal["en", "he", "ru", "code", "alias"]
LANGUAGES = ("en", "he", "ru")
_PRIORITY = {"iso3": 0, "iso2": 1, "short": 2, "official": 3, "acronym": 4, "alias": 4, "gec": 9}
_DATA = "concord.kb.data"
_HEBREW_PREFIXES = "והבכלמש"


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One spelling of one entity: ``language`` is 'en', 'he', 'ru' or 'code'."""

    entity: str
    language: str
    name: str
    kind: str
    source: str


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """An entity known to the registry."""

    id: str
    kind: str
    name: str


@dataclass(frozen=True)
class Registry:
    """Resolves names and codes of countries and blocs to entity ids (see module docstring)."""

    entities_info: dict[str, EntityInfo]
    name_entries: tuple[NameEntry, ...]
    gec: dict[str, str]
    _exact: dict[str, str] = field(default_factory=dict, repr=False)
    _loose: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        ranked = sorted(
            enumerate(self.name_entries), key=lambda pair: (_PRIORITY[pair[1].kind], pair[0])
        )
        for _, entry in ranked:
            self._exact.setdefault(normalise(entry.name), entry.entity)
            key = loose_key(entry.name)
            if key:
                self._loose.setdefault(key, entry.entity)

    # -- lookups -------------------------------------------------------------------------------
    def lookup(self, name: str, *, hebrew_prefixes: bool = False) -> str | None:
        """The entity id for ``name``, or ``None`` when nothing matches.

        With ``hebrew_prefixes=True``, a name that does not match as written is tried again
        without up to three leading Hebrew prefix letters (ו ה ב כ ל מ ש, e.g. "לקזחסטן",
        "ב־SCO"); only exact matches count then, to keep false hits rare.
        """
        if not isinstance(name, str):
            return None
        found = self._exact.get(normalise(name))
        if found is None:
            key = loose_key(name)
            found = self._loose.get(key) if key else None
        if found is None and hebrew_prefixes:
            text = normalise(name)
            for size in range(1, 4):
                if len(text) <= size + 1 or text[size - 1] not in _HEBREW_PREFIXES:
                    break
                found = self._exact.get(text[size:].lstrip("-"))
                if found is not None:
                    break
        return found

    def resolve(self, name: str) -> str:
        """Entity id (country ISO3, bloc or company id) of ``name``; UnknownEntityError if none."""
        found = self.lookup(name)
        if found is None:
            raise UnknownEntityError("entity", str(name), self.suggest(str(name)))
        return found

    def resolve_country(self, name: str) -> str:
        """The ISO3 code of the country called ``name``; raises UnknownEntityError."""
        found = self.lookup(name)
        if found is None or self.entities_info[found].kind != "country":
            raise UnknownEntityError("country", str(name), self.suggest(str(name), "country"))
        return found

    def from_gec(self, code: str) -> str | None:
        """The ISO3 code for a CIA GEC code (``None`` for oceans, the World, the EU...)."""
        return self.gec.get(code.strip().lower())

    def kind(self, entity: str) -> str:
        """'country', 'bloc', 'corridor' or 'company' (see ``data/entities.csv``)."""
        try:
            return self.entities_info[entity].kind
        except KeyError:
            raise UnknownEntityError("entity", entity, self.suggest(entity)) from None

    def suggest(self, name: str, kind: str | None = None, limit: int = 5) -> list[str]:
        """Close matches for ``name`` as 'Display name (ID)' strings, best first."""
        key = normalise(name)
        candidates = {
            k: e
            for k, e in self._exact.items()
            if kind is None or self.entities_info[e].kind == kind
        }
        suggestions: list[str] = []
        for cutoff in (0.6, 0.3):
            for match in difflib.get_close_matches(key, candidates, n=limit * 3, cutoff=cutoff):
                label = f"{self.display_name(candidates[match])} ({candidates[match]})"
                if label not in suggestions:
                    suggestions.append(label)
            if suggestions:
                break
        return suggestions[:limit]

    # -- listings ------------------------------------------------------------------------------
    def names(self, entity_id: str, language: str | None = None) -> list[str]:
        """Every known spelling of ``entity_id`` (optionally in one language), deduplicated."""
        seen: dict[str, None] = {}
        for entry in self.name_entries:
            if entry.entity == entity_id and (language is None or entry.language == language):
                seen.setdefault(entry.name, None)
        return list(seen)

    def display_name(self, entity_id: str, language: str = "en") -> str:
        """A short display name (CLDR short names for countries, curated names for blocs)."""
        for kind in ("short", "official", "alias"):
            for entry in self.name_entries:
                if entry.entity == entity_id and entry.language == language and entry.kind == kind:
                    return entry.name
        info = self.entities_info.get(entity_id)
        return info.name if info else entity_id

    def entries(self) -> pd.DataFrame:
        """All spellings: columns entity, language, name, kind, source."""
        import pandas as pd

        return pd.DataFrame(
            [(e.entity, e.language, e.name, e.kind, e.source) for e in self.name_entries],
            columns=["entity", "language", "name", "kind", "source"],
        )

    def entities(self, kind: str | None = None) -> list[EntityInfo]:
        """All entities, sorted by id, optionally of one kind."""
        infos = sorted(self.entities_info.values(), key=lambda info: info.id)
        return [info for info in infos if kind is None or info.kind == kind]


# -- building ----------------------------------------------------------------------------------
def read_data_csv(filename: str) -> list[dict[str, str]]:
    """Rows of a CSV file in the package's ``data`` folder (all values as stripped strings)."""
    try:
        text = (resources.files(_DATA) / filename).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"packaged data file {filename} is missing") from exc
    reader = csv.DictReader(text.splitlines())
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _translator(domain: str, language: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _country_entries() -> Iterator[NameEntry]:
    import pycountry
    from babel import Locale

    pyc = "pycountry (ISO 3166-1)"
    cldr = {lang: Locale(lang).territories for lang in LANGUAGES}
    translators = {lang: _translator("iso3166-1", lang) for lang in ("he", "ru")}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso3, iso2 = country.alpha_3, country.alpha_2
        yield NameEntry(iso3, "code", iso3, "iso3", pyc)
        yield NameEntry(iso3, "code", iso2, "iso2", pyc)
        for lang in LANGUAGES:
            if iso2 in cldr[lang]:
                yield NameEntry(iso3, lang, cldr[lang][iso2], "short", "Babel (CLDR)")
        english: list[tuple[str, str | None]] = [
            ("short", country.name),
            ("alias", getattr(country, "common_name", None)),
            ("official", getattr(country, "official_name", None)),
        ]
        for kind, name in english:
            if name:
                yield NameEntry(iso3, "en", name, kind, pyc)
                for lang, tr in translators.items():
                    yield NameEntry(iso3, lang, tr.gettext(name), kind, f"{pyc}, gettext {lang}")


def _curated_entries(rows: Iterable[dict[str, str]]) -> Iterator[NameEntry]:
    for row in rows:
        yield NameEntry(row["entity"], row["language"], row["name"], row["kind"], row["source"])


def build_registry() -> Registry:
    """Assemble the registry from pycountry, Babel, the Factbook and the curated aliases."""
    import pycountry

    from concord.kb import factbook

    infos: dict[str, EntityInfo] = {
        c.alpha_3: EntityInfo(c.alpha_3, "country", c.name) for c in pycountry.countries
    }
    infos["XKX"] = EntityInfo("XKX", "country", "Kosovo")
    for row in read_data_csv("entities.csv"):
        infos[row["id"]] = EntityInfo(row["id"], row["kind"], row["name"])
    entries = list(_country_entries())
    entries.extend(_curated_entries(read_data_csv("aliases.csv")))
    fb = "CIA World Factbook (conventional name)"
    entries.extend(
        NameEntry(iso3, "en", name, "alias", fb) for iso3, name in factbook.short_names()
    )
    gec = factbook.gec_to_iso3()
    entries.extend(
        NameEntry(iso3, "code", g.upper(), "gec", "CIA World Factbook (GEC)")
        for g, iso3 in sorted(gec.items())
    )
    unknown = sorted({e.entity for e in entries} - set(infos))
    if unknown:
        raise DataError(f"aliases.csv names unknown entities: {', '.join(unknown)}")
    unique = tuple(dict.fromkeys(e for e in entries if e.name.strip()))
    return Registry(infos, unique, dict(gec))


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The process-wide registry (built once, then cached)."""
    return build_registry()


def resolve_country(name: str) -> str:
    """ISO3 of a country from an English/Hebrew/Russian name, a code or an alias."""
    return registry().resolve_country(name)


def resolve(name: str) -> str:
    """Entity id of a country (ISO3), bloc ("SCO", "AA", ...) or company from any known name."""
    return registry().resolve(name)
