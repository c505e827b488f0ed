"""`personasense evaluate`: the lab's table in the terminal, JSON, CSV, charts, the seed
reproduction table, and bad options as one clear error line."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from segmentation.cli import main
from segmentation.cli.lab import parse_k_range
from segmentation.demo import make_customers
from segmentation.errors import DataError
from tests._tables import REFERENCE_FILE

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def demo_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("lab") / "shop customers.csv"
    make_customers(500, random_state=4).to_csv(path, index=False)
    return path


def run(capsys, *argv: object) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_evaluate_prints_the_ranked_table_and_writes_json_csv_and_charts(
    capsys, demo_csv, tmp_path
):
    status, out, err = run(
        capsys, "evaluate", demo_csv, "--algorithms", "kmeans,agglomerative,hdbscan",
        "--k", "2-4", "--boot", "2", "--json", tmp_path / "lab.json",
        "--csv", tmp_path / "lab.csv", "--charts", tmp_path / "charts",
    )  # fmt: skip
    assert status == 0, err
    assert "Model lab on shop customers.csv: 500 customers" in out
    assert "Ranking: usable = >= 2 segments" in out
    header = next(line for line in out.splitlines() if line.startswith("rank algorithm"))
    assert "| lift*" in header
    assert "estimated" in err and "done in" in err
    data = json.loads((tmp_path / "lab.json").read_text())
    assert {m["algorithm"] for m in data["models"]} == {"kmeans", "agglomerative", "hdbscan"}
    assert [m["rank"] for m in data["models"]] == list(range(1, len(data["models"]) + 1))
    table = pd.read_csv(tmp_path / "lab.csv")
    assert len(table) == len(data["models"]) and table["rank"].iloc[0] == 1
    for name in ("elbow", "silhouette", "stability"):
        assert (tmp_path / "charts" / f"{name}.png").read_bytes()[:8] == PNG


def test_evaluate_json_to_stdout_is_only_json(capsys, demo_csv):
    status, out, _ = run(
        capsys, "evaluate", demo_csv, "--algorithms", "kmeans", "--k", "3-4", "--boot", "2",
        "--json", "-",
    )  # fmt: skip
    assert status == 0
    assert [m["k"] for m in json.loads(out)["models"]] != []


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--k", "1-5", "--k must be a range like 2-10"),
        ("--k", "five", "--k must be a range like 2-10"),
        ("--algorithms", "kmeans,kmedoids", "--algorithms: unknown 'kmedoids'"),
        ("--features", "lifestyle", "--features: unknown 'lifestyle'"),
        ("--max-minutes", "0", "--max-minutes > 0"),
        ("--top", "-1", "--top must be 0 (all rows) or more"),
    ],
)
def test_bad_options_are_one_error_line(capsys, demo_csv, option, value, message):
    status, out, err = run(capsys, "evaluate", demo_csv, option, value)
    assert status == 2 and out == ""
    assert err.strip().splitlines()[-1].startswith("error: ") and message in err


def test_columns_need_the_generic_features(capsys, demo_csv):
    status, _, err = run(
        capsys, "evaluate", demo_csv, "--features", "behavior", "--columns", "Income"
    )
    assert status == 2 and "--columns works with --features generic" in err


def test_unwritable_outputs_are_refused_before_the_lab_runs(capsys, demo_csv, tmp_path):
    in_the_way = tmp_path / "charts.csv"
    in_the_way.write_text("x")
    status, out, err = run(capsys, "evaluate", demo_csv, "--charts", in_the_way)
    assert status == 2 and out == "" and "a file is in the way" in err
    assert "estimated" not in err  # nothing was started
    status, _, err = run(capsys, "evaluate", demo_csv, "--json", tmp_path)
    assert status == 2 and "is a folder" in err
    status, _, err = run(capsys, "evaluate", "--demo-rows", "0")
    assert status == 2 and "--demo-rows must be at least 1" in err


def test_a_lab_longer_than_the_limit_is_refused_before_it_starts(capsys, demo_csv):
    status, _, err = run(capsys, "evaluate", demo_csv, "--max-minutes", "0.0001")
    assert status == 2 and "error: the lab would take about" in err


def test_k_ranges():
    assert parse_k_range("2-10") == (2, 10) and parse_k_range("4") == (4, 4)
    assert parse_k_range("3..6") == (3, 6)
    with pytest.raises(DataError):
        parse_k_range("6-3")


@pytest.mark.skipif(not REFERENCE_FILE.exists(), reason=f"reference file absent: {REFERENCE_FILE}")
def test_seed_reproduction_prints_every_published_silhouette_matched(capsys):
    status, out, err = run(capsys, "evaluate", REFERENCE_FILE, "--seed-reproduction")
    assert status == 0, out + err
    for algorithm, published in [("kmeans", "0.255"), ("agglomerative", "0.158"),
                                 ("meanshift", "0.155"), ("spectral", "0.238"),
                                 ("birch", "0.235")]:  # fmt: skip
        line = next(x for x in out.splitlines() if x.startswith(algorithm))
        assert published in line and line.rstrip().endswith("ok"), line
