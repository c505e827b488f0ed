"""The `personasense` train, profile and assign commands on good input, and the installed script.

Covers train on the demo data, a file, a generic table and chosen columns (the bundle it
saves, one persona line per segment, a quality line, progress on stderr), --k and the seed
features, the advised retrain fixing a bundle of another scikit-learn, profile printing what
train printed (and the profile as JSON), assign for one customer (inline or from a file,
text or JSON) and for a file (one row per customer, the input's own ID column, cells that
cannot run as formulas), and one run of the installed console script. Commands run
in-process; set-up comes from tests/_cli_cases.py (demo and mall bundles built once here).
"""

from __future__ import annotations

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

from segmentation.demo import make_customers
from tests import _cli_cases
from tests._cli_cases import CUSTOMER, manifest, quality_line, run, table_rows
from tests._tables import MALL_COLUMNS, mall_table

# The command fixtures from tests/_cli_cases.py, bound here so pytest finds them.
demo = _cli_cases.demo
files = _cli_cases.files
mall = _cli_cases.mall


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
    assert set(result) == {"segment", "persona", "membership", "reasons", "imputed", "given"}
    assert result["given"].endswith("so the placement rests on what was given")
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
