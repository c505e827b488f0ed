"""The web app in a real browser: Playwright drives Debian's chromium against the app launched
on a free local port. Chat with its chart, the assign form, and a broken upload's error.

Screenshots go to ``test-artifacts/`` (not committed). Skipped without the ``playwright``
package or a ``chromium`` on the PATH (``.ci/run`` installs both; never ``playwright
install``, which downloads its own browser).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from assistant.llm import LLMSettings
from segmentation.demo import make_customers
from tests.app_fixtures import GRADIO_WARNINGS, create_app, launched, release_event_loops

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)
CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("no chromium on the PATH (apt-get install -y chromium)", allow_module_level=True)

# Gradio leaks event loops and uses a deprecated pandas option (see tests/app_fixtures.py).
pytestmark = [pytest.mark.filterwarnings(f) for f in GRADIO_WARNINGS]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TIMEOUT = 15_000  # ms


@pytest.fixture(scope="module")
def customers(models):
    """The session's standard demo table: 800 customers (a copy)."""
    return models.frame()


@pytest.fixture(scope="module")
def app_url(models, customers):
    demo = create_app(models.bundle(), LLMSettings(), customers=customers)
    url = launched(demo)
    release_event_loops()
    yield url
    demo.close()
    release_event_loops()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh page on the app; fails the test if it asked anything of another host."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    hosts: set[str] = set()
    pg.on("request", lambda r: hosts.add(urlsplit(r.url).hostname or r.url.split(":")[0]))
    pg.goto(app_url)  # not "networkidle": Gradio keeps a heartbeat stream open
    sync_api.expect(pg.get_by_text("PersonaSense: customer segments")).to_be_visible(
        timeout=TIMEOUT
    )
    yield pg
    context.close()
    assert hosts <= {"127.0.0.1", "data", "blob"}, f"requests outside 127.0.0.1: {hosts}"


def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def test_chat_question_shows_the_answer_and_its_chart(page):
    page.locator("#chat-input textarea").fill("Show a chart of segment sizes")
    page.locator("#send-btn").click()
    sync_api.expect(page.get_by_text("Segment sizes:").first).to_be_visible(timeout=TIMEOUT)
    chart = page.locator(".vega-embed:visible").filter(has=page.locator("canvas, svg"))
    sync_api.expect(chart).to_have_count(1, timeout=TIMEOUT)
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    page.screenshot(path=ARTIFACTS / "browser_chat.png", full_page=True)


def test_assign_form_shows_the_persona_card(page):
    _tab(page, "Assign a customer")
    income = page.locator("#field-income input")
    income.fill("90000")
    page.locator("#assign-btn").click()
    card = page.locator("#assign-card")
    sync_api.expect(card.locator("h3")).to_be_visible(timeout=TIMEOUT)
    assert card.inner_text().strip()
    sync_api.expect(page.locator("#whatif-result")).to_contain_text(
        "The persona stays", timeout=TIMEOUT
    )
    # the what-if starts from the form's income (copied in the browser)
    sync_api.expect(page.locator("#whatif-income input[type=number]")).to_have_value("90000")
    membership = page.locator(".vega-embed:visible").filter(has=page.locator("canvas, svg"))
    sync_api.expect(membership).to_have_count(1, timeout=TIMEOUT)  # the membership chart
    page.wait_for_timeout(500)  # its bars animate in
    page.screenshot(path=ARTIFACTS / "browser_assign.png", full_page=True)


def test_model_lab_shows_the_ranked_table_and_its_charts(page, customers):
    _tab(page, "Segments")
    page.get_by_text("Model lab: compare algorithms and k").click()
    page.locator("#lab-btn").click()
    sync_api.expect(page.locator("#lab-note")).to_contain_text(
        f"models on {len(customers):,} customers", timeout=4 * TIMEOUT
    )
    sync_api.expect(page.locator("#lab-table")).to_contain_text("k-means")
    elbow = page.locator("#lab-elbow img")
    sync_api.expect(elbow).to_be_visible(timeout=TIMEOUT)
    assert elbow.evaluate("img => img.naturalWidth") > 500  # the PNG loaded, full size
    page.screenshot(path=ARTIFACTS / "browser_lab.png", full_page=True)


def test_broken_upload_shows_the_data_error(page, tmp_path):
    frame = make_customers(20, random_state=1).astype({"Income": object})
    frame.loc[4, "Income"] = "n/a"
    path = tmp_path / "broken.csv"
    frame.to_csv(path, index=False)
    _tab(page, "Data")
    page.locator("#upload-file input[type=file]").set_input_files(str(path))
    toast = page.locator("[data-testid=toast-body]")
    sync_api.expect(toast).to_contain_text(
        "broken.csv: column 'Income' must be numeric; line 6", timeout=TIMEOUT
    )
    page.wait_for_timeout(1000)  # the toast fades in
    page.screenshot(path=ARTIFACTS / "browser_upload_error.png", full_page=True)
