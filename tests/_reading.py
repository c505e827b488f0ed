"""Expected readings of the chat's question banks, and how an answer is scored against one.

A bank case is a question, the model it is asked of ("demo", "mall" or "shop") and the reading a
correct system makes of it, written by meaning (see `tests/_heldout_bank.py` and
`tests/_tuning_bank.py`). `score` compares the reading the chat made with the expected one:
"right", "declined" (said it could not, asked back or offered help) or "wrong" (a confident
answer to a different question).
"""

from __future__ import annotations

from typing import Any

__all__ = ["DEV_VOICES", "case", "dev_parts", "reading_of", "score"]

# The dev parts (tests/_dev_bank*.py), each written by another author from the spec alone
# (notes/bank_spec.md) and measured once before it was tuned on (the README lists those
# first figures): their voices, in order.
DEV_VOICES = ("from the spec", "other voices", "traps", "half on the mall table",
              "an analyst's", "hedged or terse", "second-language chat",
              "a campaign planner's", "a store manager's, mostly on the shop table",
              "an agency's, context before the question",
              "non-marketer colleagues in plain words", "near misses",
              "near misses on the demo and mall tables",
              "a CRM manager's, every intent", "a growth marketer's compact questions",
              "store staff and finance on phones")  # fmt: skip


def dev_parts() -> list[tuple[str, list[dict[str, Any]]]]:
    """(voice, cases) of each dev part, in order."""
    from importlib import import_module

    return [
        (voice, import_module(f"tests._dev_bank{'' if n == 1 else n}").CASES)
        for n, voice in enumerate(DEV_VOICES, start=1)
    ]


def case(question: str, model: str = "demo", **expected: Any) -> dict[str, Any]:
    """One bank case: the question, its model and its expected reading."""
    return {"q": question, "model": model, "expect": expected}


# -- scoring -----------------------------------------------------------------------------------
_WHOLE = frozenset(
    "age children kidhome teenhome recency_days tenure_days purchases_web purchases_catalog "
    "purchases_store purchases_deals total_purchases web_visits_month campaigns_accepted "
    "visits_per_month".split()
)
_FLAGS = frozenset({"response", "complain"})
_QUERY_KINDS = frozenset({"aggregate", "rank", "compare"})
_PURPOSES = frozenset({"target", "price_sensitivity", "loyalty", "churn"})


def _cond(cond: Any) -> tuple:
    if isinstance(cond, dict):
        field_, op, value, high = cond["field"], cond["op"], cond["value"], cond.get("high")
    elif hasattr(cond, "field"):
        field_, op, value, high = cond.field, cond.op, cond.value, cond.high
    else:
        field_, op, value = cond
        high = None
        if op == "between":
            value, high = value
    if field_ in _FLAGS or isinstance(value, str):
        text = str(value).strip().lower()
        text = {"yes": "1", "true": "1", "1.0": "1", "no": "0", "false": "0", "0.0": "0"}.get(
            text, text
        )
        if field_ in _FLAGS and op == "!=":
            op, text = "==", "0" if text == "1" else "1"
        return (field_, op, text)
    value = float(value)
    if op == "between":
        return (field_, op, value, float(high))
    whole = field_ in _WHOLE
    if op == ">=":
        op, value = ">", value - 1 if whole else value
    elif op == "<=":
        op, value = "<", value + 1 if whole else value
    return (field_, op, value)


def _conds(conds: Any) -> frozenset:
    return frozenset(_cond(c) for c in conds or ())


def _measure(measure: str | None, stat: str | None, where: frozenset) -> tuple:
    if measure in _FLAGS and stat in ("rate", "share", None):
        return "customers", "share", where | {(measure, "==", "1")}
    return measure, stat, where


def reading_of(reading: Any) -> dict[str, Any]:
    """A `Reading` of the offline reader as a bank-style expected reading (plus "declined")."""
    if reading.query is not None:
        q = reading.query
        out: dict[str, Any] = {
            "kind": q.purpose or q.kind,
            "measure": q.measure,
            "stat": q.stat,
            "where": list(q.where),
            "personas": [int(p) for p in q.personas],
            "by": list(q.by),
            "order": q.order,
            "top": q.top,
            "measures": list(q.measures),
            "groups": [list(g) for g in q.groups],
            "show": q.show,
            "within": list(q.within),
        }
        return out
    if reading.tool is not None:
        args = dict(reading.args)
        out = {"kind": reading.kind}
        if "segment" in args:
            out["personas"] = [int(args["segment"])]
        if reading.kind == "assign":
            out["attributes"] = {**{k: v for k, v in args.items() if k != "attributes"},
                                 **args.get("attributes", {})}  # fmt: skip
        if "format" in args:
            out["format"] = args["format"]
        return out
    return {"kind": reading.kind, "declined": reading.kind not in ("growth",)}


def _attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    out = {k: (str(v).lower() if isinstance(v, str) else float(v)) for k, v in attrs.items()}
    if "kidhome" in out and "children" not in out and "teenhome" not in out:
        out["children"] = out.pop("kidhome")
    return out


def score(expected: dict[str, Any], got: dict[str, Any]) -> str:
    """'right', 'declined' or 'wrong' (see the module docstring)."""
    want = expected["kind"]
    kind = got["kind"]
    if got.get("declined"):
        if want == kind or (want == "decline" and kind in ("decline", "help")):
            return "right"
        return "declined"
    if want in ("decline", "help"):
        return "wrong"
    purpose_measure = {
        "loyalty": "tenure_days",
        "churn": "recency_days",
        "price_sensitivity": "purchases_deals",
    }  # the same ranking, asked plainly
    if kind == "rank" and purpose_measure.get(want) == got.get("measure"):
        return "right"
    if kind != want:
        return "wrong"
    if want in ("describe", "campaign", "draft"):
        ok = got.get("personas") == list(expected.get("personas", []))
        ok &= "format" not in expected or expected["format"] == got.get("format")
        return "right" if ok else "wrong"
    if want == "assign":
        return (
            "right"
            if _attrs(expected.get("attributes", {})) == _attrs(got.get("attributes", {}))
            else "wrong"
        )
    if want in _PURPOSES:
        ok = "measure" not in expected or expected["measure"] == got.get("measure")
        return "right" if ok else "wrong"
    if want not in _QUERY_KINDS:
        return "right"
    return "right" if _same_query(expected, got) else "wrong"


def _same_query(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    want_where = _conds(expected.get("where"))
    got_where = _conds(got.get("where"))
    kind = expected["kind"]
    if kind == "compare":
        if "groups" in expected:
            want = frozenset(_conds(g) for g in expected["groups"])
            if want != frozenset(_conds(g) for g in got.get("groups", [])):
                return False
        elif sorted(expected.get("personas", [])) != sorted(got.get("personas", [])):
            return False
        if "measures" in expected and set(expected["measures"]) != set(got.get("measures", [])):
            return False
        return want_where == got_where
    w_measure, w_stat, w_where = _measure(expected.get("measure"), expected.get("stat"), want_where)
    g_measure, g_stat, g_where = _measure(got.get("measure"), got.get("stat"), got_where)
    if w_where != g_where:
        return False
    if "within" in expected and _conds(expected["within"]) != _conds(got.get("within")):
        return False
    if "measure" in expected and w_measure != g_measure:
        return False
    if "stat" in expected and w_stat != g_stat and not (w_stat == "mean" and g_stat == "mean"):
        return False
    if sorted(expected.get("personas", [])) != sorted(got.get("personas", [])):
        return False
    by = [b if b != "segment" else "persona" for b in expected.get("by", [])]
    if kind == "aggregate" and by != list(got.get("by", [])):
        return False
    if kind == "rank":
        if "order" in expected and expected["order"] != got.get("order"):
            return False
        if "top" in expected and expected["top"] != got.get("top"):
            return False
    return "show" not in expected or expected["show"] == got.get("show")
