"""Shared set-up for the `personasense` command tests (test_cli_commands, test_cli_bad_input).

Commands run in-process through `segmentation.cli.main`. Module fixtures: input files (a
60-row mall-like generic CSV, 3 of its rows, an HTML page saved as .csv, 50 demo customers, a
customer as JSON, an empty folder), a demo bundle (600 customers, k = 4), a bundle of the mall
CSV, and a copy of the demo bundle with one byte of its model flipped. They are bound into
each test module (``demo = _cli_cases.demo`` ...) rather than put in conftest.py, so the names
stay local to the CLI tests; each is built once per test module that binds it.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from segmentation.cli import main
from segmentation.demo import make_customers
from tests._tables import mall_table

HTML = "<!DOCTYPE html>\n<html><body><table><tr><td>ID</td></tr></table></body></html>\n"
CUSTOMER = {"Income": 80000, "Kidhome": 0, "MntWines": 600}


def run_captured(*argv: object) -> tuple[int, str, str]:
    """`main(argv)` with stdout and stderr captured (for module fixtures, where capsys is not
    available)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(a) for a in argv])
    return status, out.getvalue(), err.getvalue()


def run(capsys, *argv: object) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def manifest(folder: Path) -> dict:
    return json.loads((Path(folder) / "manifest.json").read_text())


def table_rows(out: str) -> list[str]:
    """The persona table's segment lines (after the header ``id persona customers ...``)."""
    lines = out.splitlines()
    header = next(
        i for i, line in enumerate(lines) if line.split()[:3] == ["id", "persona", "customers"]
    )
    rows = []
    for line in lines[header + 1 :]:
        if not re.match(r"\s*\d+\s", line):
            break
        rows.append(line)
    return rows


def quality_line(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("k="))


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    """Input files: a mall-like generic CSV, 3 of its rows, an HTML page, 50 demo customers,
    a customer as JSON, and an empty folder."""
    folder = tmp_path_factory.mktemp("files")
    mall_table(60).to_csv(folder / "mall.csv", index=False)
    mall_table(60).head(3).to_csv(folder / "three.csv", index=False)
    (folder / "page.csv").write_text(HTML)
    make_customers(50, random_state=3).to_csv(folder / "demo50.csv", index=False)
    (folder / "customer.json").write_text(json.dumps(CUSTOMER))
    (folder / "empty").mkdir()
    return folder


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, str]:
    """`train` without a file: the demo bundle's folder and what train printed."""
    out = tmp_path_factory.mktemp("demo") / "model"
    status, stdout, _ = run_captured("train", "--demo-rows", 600, "--k", 4, "--out", out, "--quiet")
    assert status == 0
    return out, stdout


@pytest.fixture(scope="module")
def mall(files, tmp_path_factory) -> tuple[Path, str]:
    """`train mall.csv` without any flag."""
    out = tmp_path_factory.mktemp("mall") / "model"
    status, stdout, _ = run_captured("train", files / "mall.csv", "--out", out, "--quiet")
    assert status == 0
    return out, stdout


@pytest.fixture(scope="module")
def tampered(demo, tmp_path_factory) -> Path:
    folder = Path(shutil.copytree(demo[0], tmp_path_factory.mktemp("tampered") / "model"))
    model = folder / "model.joblib"
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model.write_bytes(bytes(data))
    return folder
