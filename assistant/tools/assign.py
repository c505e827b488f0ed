"""The chat tool that says which persona one customer belongs to.

Part of the tool set of `assistant.tools` (see there for the rules every tool follows).
Assigning goes through `segmentation.pipeline.assign_customer`, so one customer takes exactly
the training transform; attributes a person leaves out take the population's typical value,
and the answer says which. The helpers here (merging the customer's arguments, assigning,
reasons, chart) are shared with `assistant.tools.what_if`.
"""

from __future__ import annotations

from assistant.tools.count import Value
from assistant.tools.customer import (
    ATTRIBUTES,
    assign_described,
    given_text,
    membership_by_name,
    membership_chart,
    membership_text,
    reason_lines,
    split_attributes,
)
from assistant.tools.figures import Facts, cite
from assistant.tools.lookup import ChatContext
from assistant.tools.toolkit import ToolResult, guarded

__all__ = ["assign_customer"]


@guarded
def assign_customer(
    ctx: ChatContext,
    income: float | None = None,
    age: float | None = None,
    kids: int | None = None,
    teens: int | None = None,
    education: str | None = None,
    marital_status: str | None = None,
    recency_days: int | None = None,
    spend_wines: float | None = None,
    spend_fruits: float | None = None,
    spend_meat: float | None = None,
    spend_fish: float | None = None,
    spend_sweets: float | None = None,
    spend_gold: float | None = None,
    web_purchases: int | None = None,
    catalog_purchases: int | None = None,
    store_purchases: int | None = None,
    deal_purchases: int | None = None,
    web_visits_month: int | None = None,
    campaigns_accepted: int | None = None,
    attributes: dict[str, Value] | None = None,
) -> ToolResult:
    """Which persona a customer belongs to, from whatever attributes are known (the rest
    take the population's typical value): the segment, membership probabilities and reasons.

    Args:
        income: yearly household income.
        age: age in years.
        kids: small children at home.
        teens: teenagers at home.
        education: Basic, 2n Cycle, Graduation, Master or PhD.
        marital_status: Single, Together, Married, Divorced or Widow.
        recency_days: days since the last purchase.
        spend_wines: two-year spend on wine.
        spend_fruits: two-year spend on fruit.
        spend_meat: two-year spend on meat.
        spend_fish: two-year spend on fish.
        spend_sweets: two-year spend on sweets.
        spend_gold: two-year spend on gold (premium) products.
        web_purchases: purchases made on the website.
        catalog_purchases: purchases made from the catalog.
        store_purchases: purchases made in store.
        deal_purchases: purchases made with a discount.
        web_visits_month: website visits last month.
        campaigns_accepted: how many of the five past campaigns they accepted (0-5).
        attributes: other attributes by column name, for models trained on other tables.
    """
    given = {k: v for k, v in locals().items() if k in ATTRIBUTES}
    named, raw = split_attributes(ctx, given, attributes)
    result, imputed, unused = assign_described(ctx, named, raw)
    f, i = Facts(), result.segment
    lines = [
        f"**Persona: {ctx.name(i)}** (segment {i}), membership "
        f"{f.pct(f'membership.{i}', result.membership[ctx.bundle.names[i]])}."
    ]
    persona = ctx.persona(i)
    if persona is not None:
        lines.append(f"*{cite(ctx, ctx.segments[i], persona.writeup.tagline, f)}*")
    lines.append(f"Membership: {membership_text(ctx, result, f, '')}.")
    reasons = reason_lines(ctx, result, f, "")
    if reasons:
        lines += ["Why:", *(f"- {r}" for r in reasons)]
    if named or raw:
        lines.append(f"Given: {given_text({**named, **raw}, f, 'customer')}.")
    if imputed:
        lines.append(
            f"Not given, so the population's typical value was used: {', '.join(imputed)}."
        )
    if unused:
        lines.append(f"Not used by this model: {', '.join(unused)}.")
    text = "\n".join(lines)
    data = {
        **result.to_dict(),
        "membership": membership_by_name(ctx, result),
        "persona": ctx.name(i),
        "reasons": reasons,
        "imputed": imputed,
        "unused": unused,
    }
    return ToolResult(
        text=text,
        data=data,
        figures=f.figures,
        chart=membership_chart(ctx, result, "Membership probability"),
    )
