"""The country and bloc registry: every ISO country in three languages, aliases, codes, errors."""

from __future__ import annotations

import gettext
import time

import pycountry
import pytest
from babel import Locale

from concord import kb
from concord.errors import UnknownEntityError
from concord.kb.text import loose_key, normalise

COUNTRIES = sorted(pycountry.countries, key=lambda c: c.alpha_3)


def test_there_are_249_iso_countries() -> None:
    assert len(COUNTRIES) == 249


def test_every_country_resolves_from_its_english_short_name() -> None:
    wrong = {c.alpha_3: kb.registry().lookup(c.name) for c in COUNTRIES}
    assert {k: v for k, v in wrong.items() if v != k} == {}


@pytest.mark.parametrize("language", ["he", "ru"])
def test_every_country_resolves_from_its_babel_name(language: str) -> None:
    territories = Locale(language).territories
    names = {c.alpha_3: territories[c.alpha_2] for c in COUNTRIES}
    assert len(names) == 249
    wrong = {iso3: (name, kb.registry().lookup(name)) for iso3, name in names.items()}
    assert {k: v for k, v in wrong.items() if v[1] != k} == {}


@pytest.mark.parametrize("language", ["he", "ru"])
def test_every_country_resolves_from_its_pycountry_translation(language: str) -> None:
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    wrong = {c.alpha_3: kb.registry().lookup(tr.gettext(c.name)) for c in COUNTRIES}
    assert {k: v for k, v in wrong.items() if v != k} == {}


def test_every_country_resolves_from_its_codes() -> None:
    reg = kb.registry()
    for country in COUNTRIES:
        assert reg.resolve_country(country.alpha_3) == country.alpha_3
        assert reg.resolve_country(country.alpha_2) == country.alpha_3
        assert reg.resolve_country(country.alpha_3.lower()) == country.alpha_3


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("קזחסטן", "KAZ"),
        ("קזחסטאן", "KAZ"),
        ("Казахстан", "KAZ"),
        ("Kazakstan", "KAZ"),
        ("רוסיה", "RUS"),
        ("Россия", "RUS"),
        ("Russian Federation", "RUS"),
        ("UAE", "ARE"),
        ("Emirates", "ARE"),
        ("איחוד האמירויות הערביות", "ARE"),
        ("Объединенные Арабские Эмираты", "ARE"),  # e instead of yo
        ("אזרבייג׳ן", "AZE"),  # geresh U+05F3
        ("אזרבייג'ן", "AZE"),  # ASCII apostrophe
        ("אזרבייג’ן", "AZE"),  # right single quotation mark
        ("ארה״ב", "USA"),  # gershayim U+05F4
        ('ארה"ב', "USA"),
        ("\u200fישראל\u200f", "ISR"),  # bidi marks
        ("Gambia, The", "GMB"),
        ("Bosnia and Herzegovina", "BIH"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Turkey (Turkiye)", "TUR"),
        ("Burma", "MMR"),
        ("Kosovo", "XKX"),
        ("  kazakhstan  ", "KAZ"),
    ],
)
def test_aliases_and_spelling_variants(name: str, expected: str) -> None:
    assert kb.resolve_country(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Abraham Accords", "AA"),
        ("הסכמי אברהם", "AA"),
        ("ארגון שנגחאי לשיתוף פעולה", "SCO"),
        ("ШОС", "SCO"),
        ("SCO", "SCO"),
        ("ОДКБ", "CSTO"),
        ("ארגון האמנה לביטחון קולקטיבי", "CSTO"),
        ("ЕАЭС", "EAEU"),
        ("האיחוד הכלכלי האירו־אסייתי", "EAEU"),  # maqaf
        ("האיחוד הכלכלי האירו-אסייתי", "EAEU"),  # hyphen
        ("Turkic Council", "OTS"),
        ("GCC", "GCC"),
        ("СНГ", "CIS"),
        ("БРИКС", "BRICS"),
        ("BRI", "BRI"),
        ("Belt and Road Initiative", "BRI"),
        ("INSTC", "INSTC"),
        ("European Union", "EU"),
        ("האיחוד האירופי", "EU"),
    ],
)
def test_blocs_resolve_in_three_languages(name: str, expected: str) -> None:
    assert kb.resolve(name) == expected


def test_gec_codes_resolve_unless_they_clash_with_iso() -> None:
    reg = kb.registry()
    assert reg.from_gec("kz") == "KAZ"
    assert reg.from_gec("CH") == "CHN"  # GEC China
    assert reg.resolve("CH") == "CHE"  # but ISO2 CH is Switzerland
    assert reg.resolve("RS") == "SRB"
    assert reg.resolve("UK") == "GBR"
    assert reg.resolve("KV") == "XKX"  # GEC Kosovo, no ISO clash


def test_unknown_country_raises_with_suggestions() -> None:
    with pytest.raises(UnknownEntityError) as info:
        kb.resolve_country("Kazakstann")
    assert info.value.suggestions[0] == "Kazakhstan (KAZ)"
    assert "did you mean" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_a_bloc_is_not_a_country() -> None:
    with pytest.raises(UnknownEntityError):
        kb.resolve_country("SCO")


def test_lookup_returns_none_for_unknown() -> None:
    assert kb.registry().lookup("Atlantis") is None


def test_registry_is_cached_and_fast() -> None:
    assert kb.registry() is kb.registry()
    started = time.perf_counter()
    for _ in range(10_000):
        kb.resolve_country("קזחסטאן")
    assert time.perf_counter() - started < 1.0


def test_entries_and_names() -> None:
    reg = kb.registry()
    entries = reg.entries()
    assert {"entity", "language", "name", "kind"} <= set(entries.columns)
    assert set(entries["language"]) <= {"en", "he", "ru", "code"}
    assert "רוסיה" in reg.names("RUS", "he")
    assert reg.display_name("RUS") == "Russia"
    assert reg.display_name("RUS", "he") == "רוסיה"
    assert reg.display_name("SCO", "ru") == "Шанхайская организация сотрудничества"


def test_normalise_unifies_marks_and_case() -> None:
    assert normalise("\u200fאזרבייג\u05f3ן") == normalise("אזרבייג'ן")
    assert normalise("ק\u05f4מ") == normalise('ק"מ')
    assert normalise("Euro\u05beAsian") == "euro-asian"
    assert loose_key("Объединённые") == loose_key("объединенные")


def test_every_curated_alias_resolves_to_its_own_entity() -> None:
    from concord.kb.registry import read_data_csv

    reg = kb.registry()
    rows = read_data_csv("aliases.csv")
    assert all(row["source"] for row in rows)
    wrong = {row["name"]: (row["entity"], reg.lookup(row["name"])) for row in rows}
    assert {k: v for k, v in wrong.items() if v[0] != v[1]} == {}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kazatomprom", "KAZATOMPROM"),
        ("Казатомпром", "KAZATOMPROM"),
        ("בואינג", "BOEING"),
        ("Air Astana", "AIR_ASTANA"),
        ("Nvidia", "NVIDIA"),
        ("OpenAI", "OPENAI"),
    ],
)
def test_companies_resolve(name: str, expected: str) -> None:
    assert kb.resolve(name) == expected
    assert kb.registry().kind(expected) == "company"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("לקזחסטן", "KAZ"),
        ("ברוסיה", "RUS"),
        ("ובסין", "CHN"),
        ("ב־SCO", "SCO"),
        ("להסכמי אברהם", "AA"),
        ("הודו", "IND"),
        ("מצרים", "EGY"),
    ],
)
def test_hebrew_prefix_letters_on_request(name: str, expected: str) -> None:
    reg = kb.registry()
    assert reg.lookup(name, hebrew_prefixes=True) == expected


def test_hebrew_prefixes_are_off_by_default() -> None:
    assert kb.registry().lookup("לקזחסטן") is None
