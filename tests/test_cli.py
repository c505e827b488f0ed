"""The `personasense` command: train, profile and assign, and bad input as one clear line.

Commands run in-process through `segmentation.cli.main` (fast); one test runs the installed
console script. A demo bundle (600 customers, k = 4) and a bundle of a 60-row mall-like
generic CSV are trained once per module.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import sklearn

from segmentation.cli import main
from segmentation.demo import make_customers
from tests._tables import MALL_COLUMNS, mall_table

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


# -- train ---------------------------------------------------------------------------------------
def test_train_without_a_file_uses_the_demo_data(demo):
    made = manifest(demo[0])
    assert made["source"] == "demo" and made["rows"] == 600


def test_train_prints_one_persona_line_per_segment(demo):
    folder, out = demo
    header = next(line for line in out.splitlines() if line.lstrip().startswith("id"))
    assert "persona" in header and "customers" in header
    rows = table_rows(out)
    names = manifest(folder)["names"]
    assert len(rows) == 4
    for i, (row, name) in enumerate(zip(rows, names, strict=True)):
        assert row.split()[0] == str(i) and name in row


def test_train_prints_a_quality_line(demo):
    line = quality_line(demo[1])
    assert line.startswith("k=4") and "silhouette=" in line and "stability" in line


def test_train_reports_progress_on_stderr_and_results_on_stdout(capsys, tmp_path):
    status, out, err = run(capsys, "train", "--demo-rows", 200, "--k", 3, "--out", tmp_path / "m")
    assert status == 0
    assert "fitting features" in err and "fitting features" not in out
    assert len(table_rows(out)) == 3


def test_train_file_saves_the_bundle_in_out(capsys, tmp_path):
    make_customers(400, random_state=1).to_csv(tmp_path / "customers.csv", index=False)
    status, out, _ = run(
        capsys, "train", tmp_path / "customers.csv", "--out", tmp_path / "model", "--quiet"
    )
    assert status == 0
    made = manifest(tmp_path / "model")
    assert made["source"] == "customers.csv" and made["rows"] == 400
    assert made["feature_set"] == "behavior"
    assert len(table_rows(out)) == made["n_segments"]


def test_k_sets_the_number_of_segments(capsys, tmp_path):
    status, out, _ = run(
        capsys, "train", "--demo-rows", 400, "--k", 3, "--out", tmp_path / "m", "--quiet"
    )
    assert status == 0
    assert manifest(tmp_path / "m")["n_segments"] == 3 and len(table_rows(out)) == 3
    assert quality_line(out).startswith("k=3 ")


def test_seed_features_train_on_demo_data(capsys, tmp_path):
    status, out, _ = run(
        capsys, "train", "--features", "seed", "--k", 4, "--demo-rows", 400,
        "--out", tmp_path / "m", "--quiet",
    )  # fmt: skip
    assert status == 0
    made = manifest(tmp_path / "m")
    assert made["feature_set"] == "seed" and made["n_segments"] == 4
    assert made["columns_used"][:4] == ["Year_Birth", "Income", "Education", "Marital_Status"]
    assert len(table_rows(out)) == 4


def test_a_generic_table_trains_without_flags(mall):
    folder, out = mall
    made = manifest(folder)
    assert made["feature_set"] == "generic"
    assert made["columns_used"] == [c for c in MALL_COLUMNS if c != "CustomerID"]
    assert len(table_rows(out)) == made["n_segments"]


def test_columns_are_exactly_the_columns_clustered_on(capsys, files, tmp_path):
    status, _, _ = run(
        capsys, "train", files / "mall.csv", "--columns", "Age,Spending Score (1-100)",
        "--k", 3, "--out", tmp_path / "m", "--quiet",
    )  # fmt: skip
    assert status == 0
    made = manifest(tmp_path / "m")
    assert made["columns_used"] == ["Age", "Spending Score (1-100)"]
    assert made["feature_set"] == "generic"


def test_the_advised_retrain_fixes_a_bundle_of_another_scikit_learn(capsys, demo, tmp_path):
    folder = Path(shutil.copytree(demo[0], tmp_path / "model"))
    edited = manifest(folder)
    major, minor = sklearn.__version__.split(".")[:2]
    edited["versions"]["scikit-learn"] = f"{major}.{int(minor) - 1}.0"
    (folder / "manifest.json").write_text(json.dumps(edited))
    status, _, err = run(capsys, "profile", "--bundle", folder)
    assert status == 2 and f"Retrain with `personasense train FILE --out {folder}`" in err
    status, _, _ = run(capsys, "train", "--demo-rows", 600, "--k", 4, "--out", folder, "--quiet")
    assert status == 0
    status, out, _ = run(capsys, "profile", "--bundle", folder)
    assert status == 0 and manifest(folder)["names"] == edited["names"]


# -- profile -------------------------------------------------------------------------------------
def test_profile_prints_what_train_printed(capsys, demo):
    folder, trained = demo
    status, out, _ = run(capsys, "profile", "--bundle", folder)
    assert status == 0 and out == trained


def test_profile_json_is_the_bundles_profile(capsys, demo):
    status, out, _ = run(capsys, "profile", "--bundle", demo[0], "--json")
    assert status == 0
    profile = json.loads(out)
    assert len(profile["segments"]) == 4
    assert profile == json.loads((demo[0] / "profile.json").read_text())


# -- assign one customer -------------------------------------------------------------------------
def test_assign_customer_prints_persona_membership_and_why(capsys, demo):
    status, out, _ = run(capsys, "assign", "--bundle", demo[0], "--customer", json.dumps(CUSTOMER))
    assert status == 0
    names = manifest(demo[0])["names"]
    persona = re.search(r"^persona: (.+) \(segment (\d)\)$", out, re.M)
    assert persona and persona.group(1) == names[int(persona.group(2))]
    shares = re.findall(r"^\s+(\d+\.\d)%  (.+)$", out, re.M)
    assert sorted(name for _, name in shares) == sorted(names)
    assert shares[0][1] == persona.group(1)  # the largest membership comes first
    assert "\nwhy:\n  - " in out
    assert "not given, typical value used: Year_Birth" in out


def test_assign_customer_json_has_the_assignment_fields(capsys, demo):
    status, out, _ = run(
        capsys, "assign", "--bundle", demo[0], "--customer", json.dumps(CUSTOMER), "--json"
    )
    assert status == 0
    result = json.loads(out)
    assert set(result) == {"segment", "persona", "membership", "reasons", "imputed"}
    assert result["persona"] == manifest(demo[0])["names"][result["segment"]]
    assert sum(result["membership"].values()) == pytest.approx(1.0, abs=1e-3)
    assert "Income" not in result["imputed"] and "Recency" in result["imputed"]


def test_customer_can_be_read_from_a_file(capsys, demo, files):
    inline = run(
        capsys, "assign", "--bundle", demo[0], "--customer", json.dumps(CUSTOMER), "--json"
    )
    from_file = run(
        capsys, "assign", "--bundle", demo[0], "--customer", f"@{files / 'customer.json'}", "--json"
    )
    assert from_file[0] == 0 and from_file == inline


# -- assign a file -------------------------------------------------------------------------------
def test_batch_assign_writes_one_row_per_customer(capsys, demo, files, tmp_path):
    status, out, _ = run(
        capsys, "assign", "--bundle", demo[0], "--input", files / "demo50.csv",
        "--output", tmp_path / "out.csv",
    )  # fmt: skip
    assert status == 0 and out == ""
    result = pd.read_csv(tmp_path / "out.csv")
    given = pd.read_csv(files / "demo50.csv")
    names = manifest(demo[0])["names"]
    assert list(result.columns) == ["ID", "segment", "persona_name", "membership"]
    assert result["ID"].tolist() == given["ID"].astype(int).tolist()
    assert result["persona_name"].tolist() == [names[s] for s in result["segment"]]
    assert result["membership"].between(0, 1).all()


def test_batch_assign_without_output_prints_the_csv(capsys, demo, files):
    status, out, err = run(capsys, "assign", "--bundle", demo[0], "--input", files / "demo50.csv")
    assert status == 0 and "assigning 50 customers" in err
    result = pd.read_csv(io.StringIO(out))
    assert len(result) == 50 and list(result.columns)[0] == "ID"


def test_batch_assign_keeps_the_inputs_own_id_column(capsys, mall, files, tmp_path):
    status, _, _ = run(
        capsys, "assign", "--bundle", mall[0], "--input", files / "mall.csv",
        "--output", tmp_path / "out.csv",
    )  # fmt: skip
    assert status == 0
    result = pd.read_csv(tmp_path / "out.csv")
    assert list(result.columns) == ["CustomerID", "segment", "persona_name", "membership"]
    assert result["CustomerID"].tolist() == list(range(1, 61))


def test_batch_output_cells_cannot_run_as_formulas(capsys, mall, tmp_path):
    table = mall_table(60)
    table["CustomerID"] = [f'=HYPERLINK("x",{i})' for i in range(60)]
    table.to_csv(tmp_path / "in.csv", index=False)
    status, _, _ = run(
        capsys, "assign", "--bundle", mall[0], "--input", tmp_path / "in.csv",
        "--output", tmp_path / "out.csv",
    )  # fmt: skip
    assert status == 0
    ids = pd.read_csv(tmp_path / "out.csv")["CustomerID"]
    assert ids.tolist() == [f'\'=HYPERLINK("x",{i})' for i in range(60)]


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


# -- the installed console script ----------------------------------------------------------------
def test_the_personasense_console_script_runs(tmp_path):
    script = shutil.which("personasense", path=str(Path(sys.executable).parent))
    script = script or shutil.which("personasense")
    assert script, "the personasense console script is not installed (pip install -e .)"
    done = subprocess.run(
        [script, "train", "--demo-rows", "300", "--k", "3", "--out", str(tmp_path / "m")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(table_rows(done.stdout)) == 3
    assert "saved" in done.stderr
    assert manifest(tmp_path / "m")["rows"] == 300
