"""Print the size of one chat question's first request to the model: system prompt, tools,
history and question, in characters and estimated tokens (characters / 4: a rule of thumb
for OpenAI-style tokenizers, not a tokenizer's count; a local model's may differ by 10-30%).

"Before" is every chat tool's full schema (what the chat sent on every round before issue
11); "after" is the model's tool set (`Toolbox.model_toolkit`: the query tool and the tools
that are not queries, compact schemas), with the history trimmed to the 2,000-token budget
(`assistant.chat.budget.PROMPT_TOKENS`). The model is the demo model (1,500 customers,
5 segments, reference schema) with its customer table; the history is ``--turns``
earlier exchanges of a typical length. Nothing is sent anywhere.

Usage: ``python benchmarks/prompt_size.py [--turns 4]``
"""

from __future__ import annotations

import argparse
import json

from assistant.chat import PROMPT_TOKENS, ChatSession, PromptSize, prompt_size
from assistant.personas.write import write_personas
from assistant.tools import ChatContext, Toolbox
from segmentation.demo import make_customers
from segmentation.pipeline import train_bundle

QUESTION = "Which persona should I target for a premium wine launch, and how big is it?"
EXCHANGE = (
    "How many customers have kids?",
    "Read as: number of customers · customers with children at home > 0 · all customers\n\n"
    "**1,057** of 1,500 customers.",
)


def _row(label: str, size: PromptSize, tools_count: int) -> str:
    """One printed line: the parts of a request's size."""
    parts = (size.system, size.tools, size.history, size.question, size.chars, size.tokens)
    cells = " ".join(f"{n:>8}" for n in parts)
    return f"{label:<34} {cells}   ({tools_count} tools)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=4, help="earlier exchanges in history")
    args = parser.parse_args()
    frame = make_customers(1500, random_state=0)
    bundle = train_bundle(frame, n_segments=5)
    ctx = ChatContext(bundle, write_personas(bundle.profile, bundle.names), frame)
    session = ChatSession(ctx)
    for _ in range(args.turns):
        session.history += [{"role": "user", "content": EXCHANGE[0]},
                            {"role": "assistant", "content": EXCHANGE[1]}]  # fmt: skip
    box = Toolbox(ctx)
    every = box.toolkit.specs()
    untrimmed = [session.messages(QUESTION)[0], *session.history,
                 {"role": "user", "content": QUESTION}]  # fmt: skip
    after = session.messages(QUESTION)
    heads = ("system", "tools", "history", "question", "total", "tokens")
    print(f"{'request (chars; tokens = chars/4)':<34} " + " ".join(f"{h:>8}" for h in heads))
    print(_row("before: every tool, full history", prompt_size(untrimmed, every), len(every)))
    print(_row("model tools, full history", prompt_size(untrimmed, box.model_toolkit.specs()),
               len(box.model_toolkit.names())))  # fmt: skip
    size = prompt_size(after, session.toolkit.specs())
    print(_row("after: model tools, trimmed", size, len(session.toolkit.names())))
    kept = (len(after) - 2) // 2
    verdict = "ok" if size.tokens < PROMPT_TOKENS else "OVER BUDGET"
    print(f"\nhistory kept: {kept} of {args.turns} exchanges; budget {PROMPT_TOKENS} tokens: "
          f"{verdict}")  # fmt: skip
    for spec in session.toolkit.specs():
        print(f"  {spec['function']['name']:<18} {len(json.dumps(spec)):>6} chars")


if __name__ == "__main__":
    main()
