"""The tool that says which persona one customer belongs to.

Assigning goes through `segmentation.assign.assign_customer`, so one customer takes exactly
the training transform; attributes a person leaves out take the population's typical value,
and the answer says which. Its named arguments are the catalog's inputs (income, age,
kidhome ...); other attributes go by column name in ``attributes``.
"""

from __future__ import annotations

from assistant.tools.context import ChatContext
from assistant.tools.customer import (
    Value,
    assign_described,
    given_text,
    membership_by_name,
    membership_chart,
    membership_text,
    reason_lines,
    split_attributes,
)
from assistant.tools.figures import Facts, cite
from assistant.tools.result import ToolResult
from assistant.tools.toolkit import tool

__all__ = ["AssignTools"]


class AssignTools:
    """Assigning one described customer."""

    ctx: ChatContext

    @tool
    def assign_customer(
        self, attributes: dict[str, Value] | None = None, **named: Value | None
    ) -> ToolResult:
        """Which persona a customer belongs to, from whatever attributes are known (the rest
        take the population's typical value): the segment, membership probabilities and
        reasons.

        Args:
            attributes: other attributes by column name, for models trained on other tables.
        """
        ctx = self.ctx
        named_given, raw = split_attributes(ctx, named, attributes)
        result, imputed, unused = assign_described(ctx, named_given, raw)
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
        if named_given or raw:
            lines.append(f"Given: {given_text({**named_given, **raw}, f, 'customer')}.")
        if imputed:
            lines.append(
                f"Not given, so the population's typical value was used: {', '.join(imputed)}."
            )
        if unused:
            lines.append(f"Not used by this model: {', '.join(unused)}.")
        data = {
            **result.to_dict(),
            "membership": membership_by_name(ctx, result),
            "persona": ctx.name(i),
            "reasons": reasons,
            "imputed": imputed,
            "unused": unused,
        }
        return ToolResult(
            text="\n".join(lines),
            data=data,
            figures=f.figures,
            chart=membership_chart(ctx, result, "Membership probability"),
        )
