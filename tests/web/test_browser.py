"""The workbench in a real browser: Debian's chromium, headless, driven by Playwright.

A uvicorn server on 127.0.0.1 (free port, in a thread) serves the app; the tests load the page,
flip a fact and watch the verdict and graph change, open an argument and a quote, apply a
counterfactual and reload a shared URL. Screenshots go to test-output/screenshots/.
Skipped only when /usr/bin/chromium is absent (`make browser-deps` installs it).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed at /usr/bin/chromium (run `make browser-deps`)",
    ),
]

# A mid-2013 deal with the US on the nuclear file (shipped test t15): forbidden, with a rich
# argument graph; a tangible change in US behaviour makes it permitted.
BASE = {
    "doctrine": "iran-us",
    "counterparty": "united_states",
    "topics": "nuclear",
    "mode": "deal",
    "date": "2013-07-01",
    "view": "all",
    "initiated_by": "counterparty",
    "facts": "ends_support_for_opposition:1,sanctions_lifted_first:1",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from overture.corpus import CorpusStore, add_source_files
    from overture.web import Settings, create_app

    store_path = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    store = CorpusStore.open(store_path)
    try:
        add_source_files(store, sorted((shared_dir / "seeds").glob("*.txt")), embedder=None)
    finally:
        store.close()
    app = create_app(Settings(source_dirs=(shared_dir,), corpus_store=store_path))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1440, "height": 1000},
            # Playwright evaluates its wait predicates with eval(), which the page's CSP
            # forbids; `test_page_obeys_its_content_security_policy` runs without bypass.
            bypass_csp=True,
        )
        yield context
        context.close()


@pytest.fixture
def page(browser_context: Any, server: str) -> Iterator[Any]:
    """A page that fails the test on script errors or on any request leaving 127.0.0.1."""
    page = browser_context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: errors.append(msg.text)
        if msg.type == "error" and not msg.text.startswith("Failed to load resource")
        else None,
    )

    def guard(route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if host != "127.0.0.1":
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    yield page
    page.close()
    assert not foreign, f"the page tried to reach {foreign}"
    assert not errors, f"script errors: {errors}"


def _open(page: Any, server: str, **params: str) -> None:
    page.goto(f"{server}/?{urlencode({**BASE, **params})}")
    page.wait_for_selector("#verdict:not([data-verdict='none'])", timeout=20_000)
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=20_000)


RULE_NODE = """() => {
  const a = overture.evaluation.arguments.find((x) => x.rule_id && x.status !== 'out'
    && x.quotes.length && document.querySelector(`#graph g.node[data-id="${x.id}"]`));
  return a ? a.id : null;
}"""


def _rule_node(page: Any) -> Any:
    """The drawn node of a rule's argument that quotes its sources."""
    arg = page.evaluate(RULE_NODE)
    assert arg is not None, "no rule argument in the graph"
    return page.locator(f"#graph g.node[data-id='{arg}']")


def _verdict(page: Any) -> str:
    return str(page.get_attribute("#verdict", "data-verdict"))


def _graph_state(page: Any) -> list[tuple[str, str]]:
    """(id, status) of every drawn node, read in one go from a drawing of the evaluation
    now on screen (not from one being replaced)."""
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    pairs = page.eval_on_selector_all(
        "#graph g.node", "els => els.map((e) => [e.dataset.id, e.dataset.status])")
    return sorted((str(i), str(st)) for i, st in pairs)


def test_fact_toggle_changes_verdict_and_graph(page: Any, server: str) -> None:
    _open(page, server)
    assert _verdict(page) == "forbidden"
    assert page.locator("#verdict").inner_text().strip() == "FORBIDDEN"
    before = _graph_state(page)
    assert before and all(status in {"in", "out", "undec"} for _, status in before)
    edges = page.locator("#graph .edge")
    assert edges.count() > 0
    kinds = {edges.nth(i).get_attribute("data-kind") for i in range(edges.count())}
    assert kinds <= {"support", "rebut", "undercut", "undermine"} and "support" in kinds
    page.screenshot(path=str(SHOTS / "01-forbidden.png"), full_page=False)

    page.locator("#f-facts input[data-fact='us_behavior_changed']").check()
    page.wait_for_function(
        "document.querySelector('#verdict').dataset.verdict === 'permitted'", timeout=20_000
    )
    after = _graph_state(page)
    assert after != before, "the argument graph did not change with the fact"
    assert "us_behavior_changed%3A1" in page.url or "us_behavior_changed:1" in page.url
    page.screenshot(path=str(SHOTS / "02-permitted-after-fact.png"), full_page=False)


def test_argument_detail_and_quote_in_context(page: Any, server: str) -> None:
    _open(page, server)
    target = _rule_node(page)
    arg_id = target.get_attribute("data-id")
    target.click()
    page.wait_for_selector("#detail-id", timeout=10_000)
    assert page.inner_text("#detail-id") == arg_id
    rule = page.inner_text("#detail-rule")
    assert "_" in rule
    assert page.inner_text("#detail-gloss").strip()
    assert f"arg={arg_id}" in page.url
    quote = page.locator("#detail-body blockquote").first
    quote_text = quote.inner_text()
    quote.click()
    page.wait_for_selector("#quote-context mark", timeout=10_000)
    assert page.locator("#quote-dialog").is_visible()
    marked = page.inner_text("#quote-context mark")
    context = page.inner_text("#quote-context")
    assert len(context) > len(marked) > 10
    first_words = [w for w in quote_text.strip("“”").split() if "[" not in w and "]" not in w][:2]
    assert all(w in marked for w in first_words)
    page.screenshot(path=str(SHOTS / "03-quote-in-context.png"), full_page=False)
    page.keyboard.press("Escape")
    assert not page.locator("#quote-dialog").is_visible()


def test_shared_url_reloads_the_same_view(page: Any, browser_context: Any, server: str) -> None:
    _open(page, server)
    page.locator("#f-mode label", has_text="conveying").click()
    page.locator("#f-topics label", has_text="sanctions").click()
    page.wait_for_function(
        "location.search.includes('mode=conveying') && location.search.includes('sanctions')"
    )
    page.wait_for_function("document.querySelector('#verdict').dataset.verdict === 'permitted'")
    page.locator("#graph[data-fresh='true'] g.node[role='button']").first.click()
    selected = page.inner_text("#detail-id")
    shared = page.url
    verdict = _verdict(page)
    graph = _graph_state(page)

    other = browser_context.new_page()
    try:
        other.goto(shared)
        other.wait_for_selector("#detail-id", timeout=20_000)
        other.wait_for_selector("#graph[data-fresh='true'] g.node")
        assert _verdict(other) == verdict
        assert other.is_checked("#f-mode input[value='conveying']")
        assert other.is_checked("#f-topics input[value='sanctions']")
        assert other.is_checked("#f-topics input[value='nuclear']")
        assert other.inner_text("#detail-id") == selected
        assert _graph_state(other) == graph
        other.reload()
        other.wait_for_selector("#detail-id", timeout=20_000)
        assert _verdict(other) == verdict
        other.screenshot(path=str(SHOTS / "04-shared-url.png"), full_page=False)
    finally:
        other.close()


def test_date_slider_moves_the_verdict(page: Any, server: str) -> None:
    _open(page, server, date="2016-01-15", facts="us_behavior_changed:1,conditions_met_on_topics:1")
    assert _verdict(page) == "forbidden"
    page.evaluate(
        "() => { const s = document.querySelector('#f-date');"
        " s.value = String(Math.round(Date.parse('2013-01-15T00:00:00Z') / 86400000));"
        " s.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    page.wait_for_function("document.querySelector('#f-date-out').textContent === '2013-01-15'")
    page.wait_for_function("document.querySelector('#verdict').dataset.verdict === 'permitted'")
    assert "date=2013-01-15" in page.url


def test_analyses_panels_and_counterfactual_apply(page: Any, server: str) -> None:
    _open(page, server)
    page.wait_for_selector("#timeline svg g.step[data-date]", timeout=20_000)
    page.wait_for_selector("#counterfactuals .apply-cf", timeout=20_000)
    page.wait_for_selector("#views .view-card", timeout=20_000)
    page.wait_for_selector("#hypotheses table.matrix td[data-r]", timeout=20_000)
    assert page.locator("#hypotheses thead th").count() >= 6  # 3 columns + 3 hypotheses
    assert page.locator("#timeline g.step").count() >= 2
    page.wait_for_selector("#whynot li", timeout=20_000)
    assert "permitted" in page.inner_text("#whynot h4")
    page.screenshot(path=str(SHOTS / "05-analyses.png"), full_page=True)
    assert _verdict(page) == "forbidden"
    page.locator("#counterfactuals .apply-cf").first.click()
    page.wait_for_function("document.querySelector('#verdict').dataset.verdict === 'permitted'")
    page.screenshot(path=str(SHOTS / "06-counterfactual-applied.png"), full_page=False)


def test_bad_url_scenario_shows_a_clear_error(page: Any, server: str) -> None:
    page.goto(f"{server}/?{urlencode({**BASE, 'counterparty': 'atlantis'})}")
    page.wait_for_selector("#status.error", timeout=20_000)
    assert "atlantis" in page.inner_text("#status")


def test_corpus_search_highlights_the_words(page: Any, server: str) -> None:
    _open(page, server)
    page.fill("#corpus-q", "infiltration")
    page.click("#corpus-form button")
    page.wait_for_selector("#corpus-hits li.hit mark", timeout=20_000)
    marks = page.locator("#corpus-hits li.hit mark")
    assert marks.first.inner_text().lower().startswith("infiltrat")
    page.locator("#corpus-panel").screenshot(path=str(SHOTS / "07-corpus-search.png"))


def test_offline_api_reference(page: Any, server: str) -> None:
    page.goto(f"{server}/reference")
    page.wait_for_selector("section.op", timeout=20_000)
    text = page.inner_text("#reference")
    for path in ("/api/evaluate", "/api/af/solve", "/api/doctrines/upload", "/api/counterfactual"):
        assert path in text
    assert page.locator("#schema-Evaluation").count() == 1
    page.screenshot(path=str(SHOTS / "08-api-reference.png"), full_page=False)


MAP_BOXES = """
() => [...document.querySelectorAll('#graph g.node, #graph g.edge-label')].map((g) => {
  const r = g.querySelector('rect:not(.ring)').getBoundingClientRect();
  const fonts = [...g.querySelectorAll('text')].map((t) => t.getBoundingClientRect().height);
  return [g.dataset.id, r.x, r.y, r.width, r.height,
          Math.min(...[...g.querySelectorAll('text')].map((t) =>
            parseFloat(getComputedStyle(t).fontSize)))];
})
"""


def test_the_map_is_served_readable_and_keyboard_operable(page: Any, server: str) -> None:
    """The default view is the server's argument map at 100 %: boxes apart, text >= 11 px,
    the same SVG `overture export --format svg` writes; each argument a button reached by
    the keyboard; the attack graph one click away; the list of arguments beside it."""
    _open(page, server)
    assert page.is_checked("input[name='graph-style'][value='map']")
    boxes = page.evaluate(MAP_BOXES)
    assert len(boxes) >= 3
    for i, (_, x1, y1, w1, h1, font) in enumerate(boxes):
        assert font >= 11, "a label under 11 px at 100 %"
        for _, x2, y2, w2, h2, _ in boxes[i + 1:]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
    # keyboard: Tab reaches an argument button, Enter selects it
    first = page.locator("#graph g.node[role='button']").first
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#detail-id", timeout=10_000)
    assert page.inner_text("#detail-id") == first.get_attribute("data-id")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "button"
    # the same arguments as a list, with their statuses and what defeated the losers
    page.click("details.arg-list-box summary")
    listed = page.locator("#arg-list button").count()
    assert listed == page.evaluate("overture.evaluation.arguments.filter(a => a.kind !== 'scenario').length")
    lost = page.evaluate("overture.evaluation.defeated.filter(d => !d.argument.startsWith('~'))"
                         ".map(d => [d.argument, d.defeated_by_argument, d.why])")
    assert lost, "the opening scenario should have defeated lines"
    said = page.evaluate("[...document.querySelectorAll('#arg-list li')].filter(li => "
                         "li.querySelector('.defeat')).map(li => [li.querySelector('button')"
                         ".dataset.arg, li.querySelector('.defeat').dataset.by])")
    assert {(a, b) for a, b, _ in lost} >= {tuple(x) for x in said} and said
    # unfolded, each defeat's edge says what decided it, clear of the boxes
    page.evaluate("window.__drawn = document.querySelector('#graph svg')")
    page.check("#show-defeated")
    page.wait_for_function("document.querySelector('#graph svg') !== window.__drawn && "
                           "document.querySelector('#graph').dataset.fresh === 'true'",
                           timeout=30_000)
    captions = page.evaluate("[...document.querySelectorAll('#graph g.edge-label')].map(g => "
                             "[g.dataset.source, g.dataset.target, g.textContent])")
    assert captions
    whys = {(b, a): why for a, b, why in lost}
    for source, target, text in captions:
        if (source, target) in whys:
            assert text == whys[(source, target)]
    boxes = page.evaluate(MAP_BOXES)
    for i, (_, x1, y1, w1, h1, font) in enumerate(boxes):
        assert font >= 11
        for _, x2, y2, w2, h2, _ in boxes[i + 1:]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
    page.locator("#graph g.edge-label").first.scroll_into_view_if_needed()
    page.locator("#graph").screenshot(path=str(SHOTS / "15-map-unfolded.png"))
    page.uncheck("#show-defeated")
    # the attack graph, one click away, drawn by the same server layout
    page.locator("label", has_text="attack graph").click()
    page.wait_for_function("document.querySelectorAll('#graph g.edge[data-kind=support]').length === 0"
                           " && document.querySelectorAll('#graph g.node').length > 0")
    page.screenshot(path=str(SHOTS / "11-attack-graph.png"), full_page=False)


def test_iccma_panel_solves_the_framework(page: Any, server: str) -> None:
    _open(page, server)
    page.fill("#af-text", "p af 3\n1 2\n2 1\n2 3\n")
    page.select_option("#af-task", "DS-PR")
    page.fill("#af-arg", "3")
    page.click("#af-form button")
    page.wait_for_function("document.querySelector('#af-answer').textContent.startsWith('NO')",
                           timeout=30_000)
    page.select_option("#af-task", "EE-PR")
    page.click("#af-form button")
    # the two preferred extensions, in whatever order the solver finds them
    page.wait_for_function(
        "['[[2],[1,3]]', '[[1,3],[2]]'].some("
        "s => document.querySelector('#af-answer').textContent.startsWith(s))",
        timeout=30_000,
    )
    page.fill("#af-text", "p af 2\n1 x\n")
    page.click("#af-form button")
    page.wait_for_function(
        "document.querySelector('#af-answer').textContent.startsWith('error: <upload>:2')",
        timeout=30_000,
    )


def test_page_obeys_its_content_security_policy(browser_context: Any, server: str) -> None:
    """With the CSP enforced (a fresh context, no bypass), the page works and violates nothing:
    the browser itself guarantees that nothing but the server's own files is loaded."""
    context = browser_context.browser.new_context()
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{server}/?{urlencode(BASE)}")
        page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=20_000)
        page.wait_for_selector("#hypotheses table.matrix", timeout=20_000)
        page.locator("#graph[data-fresh='true'] g.node[role='button']").first.click()
        page.wait_for_selector("#detail-id")
        page.goto(f"{server}/reference")
        page.wait_for_selector("section.op", timeout=20_000)
        assert not problems, problems
    finally:
        context.close()


def test_a_second_doctrine_builds_its_own_form(page: Any, server: str) -> None:
    """dprk-us: its modes, its `channel` dimension and its actions come from its declaration;
    a fact the user does not touch follows the doctrine's world (shown on its box)."""
    page.goto(f"{server}/?" + urlencode({
        "doctrine": "dprk-us", "counterparty": "united_states", "topics": "peace_regime",
        "mode": "messages", "date": "2021-03-20", "view": "all"}))
    page.wait_for_selector("#verdict:not([data-verdict='none'])", timeout=20_000)
    modes = page.locator("#f-mode input")
    assert {modes.nth(i).get_attribute("value") for i in range(modes.count())} == {
        "summit", "working_level", "messages"}
    assert page.locator("#f-action option").count() == 2
    channel = page.locator("#f-dimensions select[data-dimension='channel']")
    assert channel.input_value() == "direct"
    channel.select_option("indirect")
    page.wait_for_function(
        "document.querySelector('#verdict').dataset.verdict === 'forbidden'", timeout=20_000)
    assert "d.channel=indirect" in page.url
    page.goto(f"{server}/?" + urlencode({
        "doctrine": "dprk-us", "counterparty": "united_states", "topics": "peace_regime",
        "mode": "working_level", "date": "2020-01-15", "view": "all"}))
    page.wait_for_selector("#verdict:not([data-verdict='none'])", timeout=20_000)
    box = page.locator("#f-facts input[data-fact='drills_suspended']")
    page.wait_for_function(
        "document.querySelector(\"#f-facts input[data-fact='drills_suspended']\").title !== ''",
        timeout=20_000)
    assert box.is_checked() and "world" in str(box.get_attribute("title"))
    page.screenshot(path=str(SHOTS / "12-dprk-us-form.png"), full_page=False)


def test_backtest_panel_draws_the_chart(page: Any, server: str) -> None:
    _open(page, server)
    page.locator("#backtest-run").click()
    page.wait_for_selector("#backtest svg", timeout=60_000)
    assert page.locator("#backtest svg .miss").count() > 0
    assert page.locator("#backtest table tbody tr").count() == 1
    page.screenshot(path=str(SHOTS / "13-backtest.png"), full_page=True)


def test_two_sides_panel_draws_both_graphs_with_the_cycle_ringed(page: Any, server: str) -> None:
    _open(page, server)
    assert page.locator("#joint-panel").is_visible()
    page.locator("#joint-date").fill("2021-03-01")
    page.locator("#joint-form button[type=submit]").click()
    page.wait_for_selector("#joint .joint-side svg", timeout=60_000)
    sides = page.locator("#joint .joint-side")
    assert sides.count() == 2
    # each side's graph rings exactly the rule its cycle edge names, and the cycle table
    # names the same rules
    # the rule of each ringed argument, from its tooltip ("A12 (d4_definite_policy): ...")
    label = ("els => els.map((e) => e.querySelector('title').textContent"
             ".match(/^\\S+ \\(([^)]+)\\)/)[1])")
    ringed = {s.get_attribute("data-side"): sorted(s.locator("g.node.highlight")
                                                   .evaluate_all(label)) for s in sides.all()}
    assert set(ringed) == {"iran", "us"}
    assert ringed == {"iran": ["d4_definite_policy"], "us": ["u4_not_first"]}
    cycle = page.locator("#joint table.joint-table").last.inner_text()
    assert "d4_definite_policy" in cycle and "u4_not_first" in cycle
    # the two graphs sit side by side at 1400 px; both boxes are read in one step, since the
    # page above may still grow (the main map settling) between two separate reads
    a, b = sides.evaluate_all(
        "els => els.map((e) => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y}; })")
    assert abs(a["y"] - b["y"]) < 2 and b["x"] > a["x"]
    page.locator("#joint-panel").screenshot(path=str(SHOTS / "14-two-sides.png"))


def test_topic_and_mode_inputs_take_the_keyboard_and_a_date_can_be_typed(
        page: Any, server: str) -> None:
    _open(page, server, date="2016-01-15", facts="us_behavior_changed:1,conditions_met_on_topics:1")
    # every topic and mode input is reachable by Tab (they were display:none: 0 of 9)
    focusable = page.evaluate(
        "() => [...document.querySelectorAll('#f-topics input, #f-mode input')]"
        ".every((i) => getComputedStyle(i).display !== 'none' && i.tabIndex >= 0)")
    assert focusable
    box = page.locator("#f-topics input[value='sanctions']")
    box.focus()
    assert page.evaluate("document.activeElement.value") == "sanctions"
    page.keyboard.press("Space")
    page.wait_for_function("location.search.includes('sanctions')")
    # the typed date field moves the scenario like the slider
    page.fill("#f-date-typed", "2013-01-15")
    page.wait_for_function("document.querySelector('#f-date-out').textContent === '2013-01-15'")
    assert "date=2013-01-15" in page.url


def test_the_quote_dialog_keeps_and_returns_focus(page: Any, server: str) -> None:
    _open(page, server)
    _rule_node(page).click()  # a rule's argument: its detail quotes the rule
    page.wait_for_selector("#detail-body blockquote.quote-link", timeout=10_000)
    opener = page.locator("#detail-body blockquote.quote-link").first
    opener.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#quote-dialog:not([hidden])", timeout=10_000)
    for _ in range(4):  # Tab cycles inside the modal dialog
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('quote-dialog').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert not page.locator("#quote-dialog").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('quote-link')")
