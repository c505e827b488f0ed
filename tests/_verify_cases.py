"""Shared input for the assistant.personas.verify tests (test_verify_reading, test_verify_checks).

FACTS is the fact sheet of one segment as a persona writer is given it: 37 numeric leaves
(counts, shares and rates as fractions, metric means, medians and indexes where 100 is the
population average, campaign rates with intervals, and the response lift) next to a few text
ones (the name and metric labels) that are not figures.
"""

from __future__ import annotations

FACTS = {
    "segment": {
        "id": 4, "name": "Affluent Fruit & Sweets Lovers", "customers": 318, "share": 0.142,
    },
    "population": {"customers": 2240, "base_response_rate": 0.154},
    "metrics": {
        "income": {"label": "income", "mean": 76518, "median": 75568, "index": 146},
        "age": {"label": "age", "mean": 46.4, "median": 46, "index": 102},
        "children": {"label": "children at home", "mean": 0.15, "median": 0, "index": 16},
        "total_spend": {"label": "total spend", "mean": 1553, "median": 1496, "index": 246},
        "web_visits_month": {"mean": 2.2, "median": 2, "index": 42},
    },
    "spend_mix": {"wines": 0.436, "meat": 0.336, "gold": 0.045},
    "channel_mix": {"web": 0.243, "catalog": 0.342, "store": 0.415, "deals": 0.055},
    "campaigns": {
        "cmp1": {"rate": 0.138, "ci_low": 0.105, "ci_high": 0.181},
        "any_past": {"rate": 0.478, "ci_low": 0.42, "ci_high": 0.53},
    },
    "response": {"rate": 0.453, "ci_low": 0.399, "ci_high": 0.508, "lift": 2.94},
}  # fmt: skip
