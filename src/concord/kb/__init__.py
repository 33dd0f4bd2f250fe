"""Concord's evidence base: the country and bloc registry, and the DuckDB store of sourced facts.

```python
from concord import kb

kb.resolve_country("קזחסטאן")            # 'KAZ'
kb.resolve("ШОС")                         # 'SCO'
base = kb.open()                          # builds $CONCORD_HOME/concord.duckdb on first use
base.members("SCO", as_of="2025-01-01")   # DataFrame of the 10 members
base.facts("KAZ", predicate="border_length_km")
```

The contract is in the project notes (kb-contract.md); membership and fact columns are
documented on :class:`concord.kb.store.KnowledgeBase`.
"""

from __future__ import annotations

from concord.kb.factbook_parse import factbook_errata
from concord.kb.registry import Registry, registry, resolve, resolve_country
from concord.kb.store import BuildReport, KnowledgeBase, open, rebuild
from concord.kb.text import loose_key, normalise

__all__ = [
    "BuildReport",
    "KnowledgeBase",
    "Registry",
    "factbook_errata",
    "loose_key",
    "normalise",
    "open",
    "rebuild",
    "registry",
    "resolve",
    "resolve_country",
]
