"""Property tests: arbitrary Unicode never crashes the extractor, and time grows linearly."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concord.claims import extract_claims, normalize

# text that mixes arbitrary Unicode with the characters the grammar reacts to
_ALPHABET = st.one_of(
    st.characters(),
    st.sampled_from(list("0123456789,.%$-\u05be\u2013\"'\u05f3\u05f4\u200f כבלמהשו ")),
)
_TEXT = st.text(alphabet=_ALPHABET, max_size=300)
_WORDS = st.lists(
    st.sampled_from(
        [
            "כ-40%",
            "1,460",
            'ק"מ',
            "מיליארד",
            "דולר",
            "ב-2024",
            "בנובמבר",
            "6",
            "בין",
            "ל-",
            "קזחסטן",
            "ובסין",
            "SCO",
            ",",
            ".",
            "-",
            "about",
            "$17bn",
            "2023-2024",
            "\u200f",
            "%",
            " ",
        ]
    ),
    max_size=60,
).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_TEXT, _WORDS))
def test_never_crashes_and_spans_are_valid(text: str) -> None:
    claims = extract_claims(text)
    for claim in claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert claim.text == text[claim.start : claim.end]
        assert claim.value >= 0
        assert math.isfinite(claim.value)
    for mention in claims.mentions:
        assert 0 <= mention.start <= mention.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_normalisation_offsets_are_monotone(text: str) -> None:
    norm = normalize(text)
    previous = 0
    for i in range(len(norm.text)):
        start, end = norm.to_original(i, i + 1)
        assert previous <= start < end <= len(text)
        previous = start


def _best_time(function, text: str, repeats: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeats):
        began = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - began)
    return best


def _assert_linear(unit: str, small_repeats: int) -> None:
    """8x the input must not take much more than 8x the time (factor 3 absorbs noise)."""
    small = unit * small_repeats
    large = unit * (8 * small_repeats)
    extract_claims(small)
    t_small = max(_best_time(extract_claims, small), 2e-3)
    t_large = _best_time(extract_claims, large)
    assert t_large < 8 * t_small * 3, (t_small, t_large)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, min_size=50, max_size=200))
def test_time_is_linear_in_length_for_arbitrary_text(unit: str) -> None:
    _assert_linear(unit, max(1, 10_000 // len(unit)))


@pytest.mark.parametrize(
    "unit",
    [
        "1" * 5,  # one endless digit run
        "1,000," * 3,  # an endless thousands-separator chain
        "כ-" * 5 + "5",  # prefix chains
        "ב-6 בנובמבר 2025 כ-40% ",
        "-1-2",  # range connectors everywhere
        "קזחסטן ",  # one run-on sentence full of names
    ],
)
def test_time_is_linear_in_length_for_pathological_text(unit: str) -> None:
    _assert_linear(unit, 8_000 // len(unit))
