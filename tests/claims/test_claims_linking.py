"""Entity linking over the evidence base's registry."""

from __future__ import annotations

import pytest

from concord.claims import extract_claims
from concord.claims.linking import build_gazetteer, default_gazetteer
from concord.claims.normalize import normalize


def _ids(text: str) -> list[str]:
    return [m.entity for m in default_gazetteer().link(normalize(text).text)]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("לסין, מרוסיה ובקזחסטן", ["CHN", "RUS", "KAZ"]),
        ("קזחסטאן וקזחסטן", ["KAZ", "KAZ"]),
        ("אזרבייג׳ן ואזרבייג'ן", ["AZE", "AZE"]),
        ('ארה"ב וארה״ב', ["USA", "USA"]),
        ("הצטרפות להסכמי אברהם", ["AA"]),
        ("ולארגון שנגחאי לשיתוף פעולה", ["SCO"]),
        ("ארגון האמנה לביטחון קולקטיבי", ["CSTO"]),
        ("באיחוד הכלכלי האירו־אסייתי", ["EAEU"]),
        ("באיחוד האירופי", ["EU"]),
        ("SCO ,CSTO ,EAEU", ["SCO", "CSTO", "EAEU"]),  # bidi copy artefact
        ("ב־SCO וב-BRI ו-INSTC", ["SCO", "BRI", "INSTC"]),
        ("The Kazakhstan–Russia border", ["KAZ", "RUS"]),
        ("China's exports to the United States", ["CHN", "USA"]),
        ("הייצוא האוזבקי והחברות הישראליות", ["UZB", "ISR"]),
        ("Israeli tourists", ["ISR"]),
    ],
)
def test_links(text: str, ids: list[str]) -> None:
    assert _ids(text) == ids


@pytest.mark.parametrize("text", ["us and them", "a turkey", "china plates", "בניין ומאלי"])
def test_common_words_are_not_countries(text: str) -> None:
    assert _ids(text) == []


def test_mention_spans_exclude_prefix_letters() -> None:
    raw = "ובקזחסטן"
    (mention,) = extract_claims(raw).mentions
    assert raw[mention.start : mention.end] == "קזחסטן"


def test_custom_gazetteer() -> None:
    gazetteer = build_gazetteer([("XYZ", "ארץ הדמיון", "short"), ("XYZ", "XYZ", "iso3")])
    found = gazetteer.link(normalize("בארץ הדמיון ו-XYZ").text)
    assert [m.entity for m in found] == ["XYZ"]  # codes are not linked


def test_subjects_follow_clauses_and_context() -> None:
    text = "קזחסטן חולקת גבול עם רוסיה. היא מפיקה 23,270 טון אורניום."
    (claim,) = extract_claims(text)
    assert claim.subjects == ("KAZ",)  # the previous sentence's main subject
    text = "Kazakhstan's president visited the United States. The two sides signed 29 agreements."
    (claim,) = extract_claims(text)
    assert claim.subjects == ("KAZ", "USA")
    (claim,) = extract_claims("קזחסטן גובלת ברוסיה.\n\nנחתמו 29 הסכמים.")
    assert claim.subjects == ()  # a new paragraph forgets the context
    (claim,) = extract_claims("כ־40% מהתפוקה העולמית של אורניום", default_subject="KAZ")
    assert claim.subjects == ("KAZ",)


def test_bytes_are_refused() -> None:
    from concord.errors import InputError

    with pytest.raises(InputError, match="decode bytes first"):
        extract_claims(b"1,460 km")  # type: ignore[arg-type]


def test_claims_frame_and_summary() -> None:
    claims = extract_claims('קזחסטן חולקת גבול של 1,460 ק"מ עם סין ב־2024.')
    frame = claims.to_frame()
    assert list(frame[["subjects", "predicate", "value", "unit", "year"]].iloc[0]) == [
        "KAZ,CHN",
        "border_length_km",
        1460.0,
        "km",
        2024,
    ]
    assert "border_length_km" in str(claims)
