"""Entity linking: a gazetteer over the evidence base's registry, with Hebrew prefix stripping.

Names come from :func:`concord.kb.registry` (countries, blocs, corridors in English, Hebrew and
Russian, curated aliases and acronyms); ISO and GEC codes are left out, they collide with
ordinary words. Matching works on tokens of normalised text:

* the longest name wins, left to right, no overlaps;
* tokens are split at hyphens and maqafs (in names and in the text alike), so "ב-SCO" and
  "Kazakhstan-Russia" expose the names;
* a Hebrew token may carry one to three prefix letters (ו ה ש ב כ ל מ) written solid
  ("ובקזחסטן"); after ב כ ל the article ה is silent, so
  "באיחוד האירופי" finds "האיחוד האירופי";
* Latin names match case-insensitively but must start with a capital letter in the text
  ("Turkey", not "turkey"); acronyms (all capitals) match exactly ("US", not "us");
* an English possessive is dropped ("China's").

A handful of Hebrew country names that are also common words are not linked on their own
(:data:`AMBIGUOUS`). Time is linear in the number of tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from concord.claims.lexicon import (
    ENGLISH_DEMONYMS,
    HEBREW_ADJECTIVE_ENDINGS,
    HEBREW_DEMONYM_STEMS,
    PREFIX_LETTERS,
)
from concord.claims.normalize import normalize

#: Hebrew registry names that are ordinary words in running text: building, by itself,
#: locomotive, a doll.
AMBIGUOUS: Final = frozenset({"בנין", "מאלי", "קטר", "בובה"})
_SKIP_KINDS: Final = frozenset({"iso2", "iso3", "gec"})
_TOKEN = re.compile(r"[^\W_]+(?:['\"][^\W_]+)*'?")
_ACRONYM = re.compile(r"^[A-Z][A-Z.]{1,7}$")
_MAX_TOKENS = 10


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention; ``start``/``end`` index the text that was linked."""

    entity: str
    start: int
    end: int
    text: str
    kind: str = "country"
    demonym: bool = False


@dataclass(frozen=True)
class Gazetteer:
    """Name keys (tuples of folded tokens) to entity ids, plus exact-case acronyms."""

    folded: dict[tuple[str, ...], str]
    exact: dict[tuple[str, ...], str]
    first_tokens: frozenset[str]
    longest: int
    kinds: dict[str, str]
    demonyms: frozenset[tuple[str, ...]] = frozenset()
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def link(self, text: str) -> list[Mention]:
        """Every mention in normalised ``text``, in order."""
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        mentions: list[Mention] = []
        lengths = self.lengths
        i = 0
        while i < len(tokens):
            token = tokens[i][2]
            if not _may_start(token, lengths):
                i += 1
                continue
            found = self._match_at(tokens, i)
            if found is None:
                i += 1
                continue
            entity, count, skipped, key = found
            start = tokens[i][0] + skipped
            end = tokens[i + count - 1][1]
            if text[end - 2 : end].lower() == "'s":
                end -= 2
            if text[end : end + 1] == "$":
                i += count  # "US$1.7 trillion", "A$": a currency, not the country
                continue
            kind = self.kinds.get(entity, "country")
            demonym = key in self.demonyms
            mentions.append(Mention(entity, start, end, text[start:end], kind, demonym))
            i += count
        return mentions

    def _match_at(
        self, tokens: list[tuple[int, int, str]], i: int
    ) -> tuple[str, int, int, tuple[str, ...]] | None:
        best: tuple[str, int, int, tuple[str, ...]] | None = None
        for skipped, head in _variants(tokens[i][2]):
            folded_head = head.casefold()
            counts = self.lengths.get(folded_head, ()) + self.lengths.get(head, ())
            if not counts or (head.isascii() and not head[:1].isupper()):
                continue
            for count in sorted(set(counts), reverse=True):
                if (best is not None and count <= best[1]) or i + count > len(tokens):
                    continue
                words = (head, *(t[2] for t in tokens[i + 1 : i + count]))
                if count > 1 and words[-1].endswith("'s"):
                    words = (*words[:-1], words[-1][:-2])
                key = words
                entity = self.exact.get(key)
                if entity is None:
                    key = tuple(w.casefold() for w in words)
                    entity = self.folded.get(key)
                if entity is not None:
                    best = (entity, count, skipped, key)
                    break
        return best


def _may_start(token: str, lengths: dict[str, tuple[int, ...]]) -> bool:
    """Cheap test: can a name start at this token (as is, folded, or without prefixes)?"""
    if token in lengths or token.casefold() in lengths or token.endswith("'s"):
        return True
    for n in range(1, 4):
        if len(token) - n < 2 or token[n - 1] not in PREFIX_LETTERS:
            return False
        if token[n:] in lengths:
            return True
    return False


def _variants(token: str) -> list[tuple[int, str]]:
    """The token and its forms without prefix letters: (characters skipped, form)."""
    forms = [(0, token)]
    if token.endswith("'s"):
        forms.append((0, token[:-2]))
    for n in range(1, 4):
        if len(token) - n < 2 or token[n - 1] not in PREFIX_LETTERS:
            break
        forms.append((n, token[n:]))
    return forms


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(m.group() for m in _TOKEN.finditer(normalize(name).text))


def build_gazetteer(
    entries: list[tuple[str, str, str]], kinds: dict[str, str] | None = None
) -> Gazetteer:
    """Build from ``(entity, name, kind)`` rows (codes: iso2, iso3, gec are skipped), plus the
    nationality adjectives of :mod:`concord.claims.lexicon`; ``kinds`` maps entity ids to
    'country', 'bloc', 'company', ..."""
    folded: dict[tuple[str, ...], str] = {}
    exact: dict[tuple[str, ...], str] = {}
    for entity, name, kind in entries:
        if kind in _SKIP_KINDS or not name.strip():
            continue
        words = _tokens(name)
        if not words or (len(words) == 1 and words[0] in AMBIGUOUS):
            continue
        if _ACRONYM.match(name.strip()):
            exact.setdefault(words, entity)
            continue
        folded.setdefault(tuple(w.casefold() for w in words), entity)
        if words[0].startswith("ה") and len(words[0]) > 2 and not words[0].isascii():
            # after ב/כ/ל the article is silent: "באיחוד האירופי"
            silent = (words[0][1:], *words[1:])
            folded.setdefault(tuple(w.casefold() for w in silent), entity)
    demonyms: set[tuple[str, ...]] = set()
    for stem, iso3 in HEBREW_DEMONYM_STEMS.items():
        for ending in HEBREW_ADJECTIVE_ENDINGS:
            key = (stem + ending,)
            if key not in folded:
                folded[key] = iso3
                demonyms.add(key)
    for word, iso3 in ENGLISH_DEMONYMS.items():
        key = (word.casefold(),)
        if key not in folded:
            folded[key] = iso3
            demonyms.add(key)
    lengths: dict[str, set[int]] = {}
    for words_key in (*folded, *exact):
        if len(words_key) <= _MAX_TOKENS:
            lengths.setdefault(words_key[0], set()).add(len(words_key))
    first = frozenset(lengths)
    longest = min(_MAX_TOKENS, max((len(k) for k in (*folded, *exact)), default=1))
    return Gazetteer(
        folded,
        exact,
        first,
        longest,
        dict(kinds or {}),
        frozenset(demonyms),
        {head: tuple(sorted(n, reverse=True)) for head, n in lengths.items()},
    )


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer over :func:`concord.kb.registry` (built once per process)."""
    from concord import kb

    registry = kb.registry()
    rows = [(e.entity, e.name, e.kind) for e in registry.name_entries]
    kinds = {info.id: info.kind for info in registry.entities()}
    return build_gazetteer(rows, kinds)
