"""The `personasense` command on bad input: exit status 2 and one clear "error: " line.

Covers train on a missing file, an HTML page, a bad or too large --k, unknown --columns or
--columns without generic features, bad --demo-rows and --seed, and an --out inside a file;
assign with --customer that is not a JSON object or an unreadable file, a folder that is not
a bundle, a file lacking the model's columns and an output in a missing folder; profile of a
missing or tampered bundle. Each prints nothing on stdout and no traceback. Commands run
in-process; set-up comes from tests/_cli_cases.py.
"""

from __future__ import annotations

import pytest

from tests import _cli_cases
from tests._cli_cases import run

# The command fixtures from tests/_cli_cases.py, bound here so pytest finds them.
demo = _cli_cases.demo
files = _cli_cases.files
tampered = _cli_cases.tampered


# -- bad input: exit 2, one line ---------------------------------------------------------------
BAD_INPUT = [
    pytest.param(["train", "{tmp}/nope.csv"], "nope.csv: no such file", id="missing-file"),
    pytest.param(["train", "{files}/page.csv"], "is an HTML web page", id="html-file"),
    pytest.param(
        ["train", "--demo-rows", "100", "--k", "many"],
        "--k must be 'auto' or a whole number, got 'many'",
        id="k-not-a-number",
    ),
    pytest.param(
        ["train", "--demo-rows", "100", "--k", "1"], "n_segments=1 should be >= 2", id="k-one"
    ),
    pytest.param(
        ["train", "{files}/three.csv", "--k", "4"],
        "n_samples=3 should be >= n_clusters=4",
        id="fewer-rows-than-k",
    ),
    pytest.param(
        ["train", "{files}/mall.csv", "--columns", "Age,Nope"],
        "columns not in the table: 'Nope'",
        id="unknown-column",
    ),
    pytest.param(
        ["train", "--demo-rows", "100", "--features", "behavior", "--columns", "Income"],
        "--columns works with --features generic",
        id="columns-with-behavior",
    ),
    pytest.param(["train", "--demo-rows", "0"], "--demo-rows must be", id="no-demo-rows"),
    pytest.param(["train", "--demo-rows", "100", "--seed", "-1"], "--seed must be", id="seed"),
    pytest.param(
        ["train", "--demo-rows", "100", "--k", "3", "--out", "{files}/mall.csv/model"],
        "a file is in the way",
        id="out-inside-a-file",
    ),
    pytest.param(
        ["assign", "--bundle", "{demo}", "--customer", "{x"],
        "--customer is not valid JSON",
        id="customer-not-json",
    ),
    pytest.param(
        ["assign", "--bundle", "{demo}", "--customer", "[1, 2]"],
        "--customer must be a JSON object",
        id="customer-json-array",
    ),
    pytest.param(
        ["assign", "--bundle", "{demo}", "--customer", "@{tmp}/nope.json"],
        "cannot read the file",
        id="customer-file-missing",
    ),
    pytest.param(
        ["assign", "--bundle", "{files}/empty", "--customer", "{}"],
        "not a PersonaSense bundle (no manifest.json); train one with `personasense train",
        id="bundle-empty-folder",
    ),
    pytest.param(["profile", "--bundle", "{tmp}/none"], "no such bundle folder", id="no-bundle"),
    pytest.param(
        ["profile", "--bundle", "{tampered}"], "sha256 does not match", id="tampered-bundle"
    ),
    pytest.param(
        ["assign", "--bundle", "{demo}", "--input", "{files}/mall.csv"],
        "lacks columns the model needs: Year_Birth",
        id="batch-missing-columns",
    ),
    pytest.param(
        [
            "assign",
            "--bundle",
            "{demo}",
            "--input",
            "{files}/demo50.csv",
            "--output",
            "{tmp}/no/such/folder/out.csv",
        ],
        "cannot write",
        id="output-in-a-missing-folder",
    ),  # fmt: skip
]


@pytest.mark.parametrize(("argv", "message"), BAD_INPUT)
def test_bad_input_exits_2_with_one_error_line(
    capsys, tmp_path, files, demo, tampered, argv, message
):
    places = {"{tmp}": tmp_path, "{files}": files, "{demo}": demo[0], "{tampered}": tampered}
    for key, value in places.items():
        argv = [a.replace(key, str(value)) for a in argv]
    if argv[0] == "train" and "--out" not in argv:
        argv += ["--out", str(tmp_path / "model")]
    status, out, err = run(capsys, *argv)
    assert status == 2
    lines = err.strip().splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    assert errors == [lines[-1]], err
    assert message in errors[0]
    assert all(line.startswith(("[", "warning: ", "error: ")) for line in lines), err
    assert "Traceback" not in err and out == ""
