"""The figures every profile has, whatever its table: segment size and share, and, when the
table has the outcome, the held-out response rate and its lift."""

from __future__ import annotations

from segmentation.catalog.core import Measure
from segmentation.schema import OUTCOME_COLUMN

__all__ = ["RESPONSE", "SHARE", "SIZE", "words"]


def words(text: str) -> tuple[str, ...]:
    """The comma-separated phrases of ``text``."""
    return tuple(w.strip() for w in text.split(",") if w.strip())


SIZE = Measure(
    "size", "customers", aggregation="count", path=("size",),
    description="customers in the segment",
    synonyms=words("size, customers, number of customers, biggest, largest, count"),
    pattern=r"sizes?|biggest|largest|smallest|most customers|fewest customers|"
    r"number of customers|how big|how large|members",
)  # fmt: skip
SHARE = Measure(
    "share", "share of customers", "share", aggregation="share", path=("share",),
    description="the segment's share of all customers",
    synonyms=words("share, share of customers, percentage of customers, proportion"),
    pattern=r"share|proportion|percentage of (?:the )?(?:base|customers)",
)  # fmt: skip
RESPONSE = (
    Measure(
        "response_rate", "response rate", "share", aggregation="rate", source=OUTCOME_COLUMN,
        path=("response", "rate"), held_out=True, meaning="higher is better",
        description="share who accepted the last campaign (held out: never used to fit)",
        synonyms=words("response, response rate, responders, conversion, conversion rate, "
                        "respond, last campaign, responsiveness"),
        pattern=r"response rates?|responses?|respond(?:s|ed|ing)?|responsive(?:ness)?|"
        r"responders?|conversion(?: rate)?|converts?|last campaign|react(?:s|ed)?",
    ),
    Measure(
        "response_lift", "response lift", "lift", aggregation="lift", path=("response", "lift"),
        held_out=True, description="the segment's response rate over the base rate",
        synonyms=words("lift, response lift"), pattern=r"lift",
    ),
)  # fmt: skip
