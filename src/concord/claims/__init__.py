"""Quantitative claims in Hebrew and English text, linked to entities and checked against the
evidence base.

```python
from concord import claims

found = claims.extract_claims('קזחסטן חולקת גבול של 1,460 ק"מ עם סין')
found.to_frame()                 # subjects KAZ,CHN; border_length_km; 1460 km
report = claims.check_text("Kazakhstan produced about 40% of world uranium in 2024.")
report.to_frame()                # verdict, references with sources and dates, notes
```

Pipeline: :mod:`~concord.claims.normalize` (offset-keeping normalisation),
:mod:`~concord.claims.grammar` (dates, years, quantities), :mod:`~concord.claims.linking`
(gazetteer over ``kb.registry()``), :mod:`~concord.claims.predicates`,
:mod:`~concord.claims.extract` (claims) and :mod:`~concord.claims.check` (verdicts).
"""

from __future__ import annotations

from concord.claims.check import Check, CheckReport, Reference, check_claims, check_text
from concord.claims.extract import Claim, Claims, extract_claims, extract_quantities
from concord.claims.grammar import Quantity
from concord.claims.linking import Mention
from concord.claims.normalize import NormalizedText, normalize

__all__ = [
    "Check",
    "CheckReport",
    "Claim",
    "Claims",
    "Mention",
    "NormalizedText",
    "Quantity",
    "Reference",
    "check_claims",
    "check_text",
    "extract_claims",
    "extract_quantities",
    "normalize",
]
