"""Example questions for a model, made from its catalog: the chat's "Try asking" list speaks of
the columns and personas the loaded table has (income and kids on the reference schema,
"Annual Income (k$)" and gender on a mall list), so each example is one the chat answers."""

from __future__ import annotations

from assistant.tools.context import ChatContext
from segmentation import formats
from segmentation.catalog import roles_of

__all__ = ["example_questions"]


def _lead_metric(ctx: ChatContext) -> tuple[str, str] | None:
    """(key, label) of the metric to ask about first: income, else a money column (a spend
    one last), else the first per-customer metric."""
    metrics = [m for m in ctx.catalog.metrics if m.key not in ("size", "share")]
    if not metrics:
        return None
    roles = roles_of(ctx.catalog)
    ordered = sorted(
        metrics,
        key=lambda m: (m.key != "income", m.unit != "money", roles.get(m.key) is None
                       and m.unit != "money"),
    )  # fmt: skip
    return ordered[0].key, ordered[0].label.replace("_", " ")  # "annual_income": as said


def _threshold(ctx: ChatContext, key: str) -> str | None:
    """A round number near the population median of ``key``, as a person would type it."""
    pop = ctx.profile.population.metrics.get(key)
    median = getattr(pop, "median", None)
    if median is None or median <= 0:
        return None
    digits = len(str(int(median))) - 1
    step = 10 ** max(digits - 1, 0)
    value = round(median / step) * step
    return formats.number(value) if value >= 1 else None


def example_questions(ctx: ChatContext, n: int = 6) -> list[str]:
    """Up to ``n`` questions the offline chat answers on this model: the list of personas, a
    ranking and a breakdown by persona on its lead metric, a persona described, a count
    above a round threshold, and a persona's share (or a chart of sizes)."""
    out = ["Which segments are there?"]
    lead = _lead_metric(ctx)
    if lead is not None:
        key, label = lead
        out.append(f"Which segment has the highest {label}?")
        out.append(f"Average {label} by persona")
    if ctx.names:
        out.append(f"Describe {ctx.names[0]}")
    if lead is not None and ctx.customers is not None:
        key, label = lead
        threshold = _threshold(ctx, key)
        if threshold is not None:
            out.append(f"How many customers have {label} above {threshold}?")
    out.append("Show a chart of segment sizes")
    if len(ctx.names) >= 2:
        out.append(f"Compare {ctx.names[0]} and {ctx.names[1]}")
    return out[:n]
