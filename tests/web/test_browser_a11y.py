"""The workbench for everyone: axe-core (from npm, in .venv/node) finds no serious or critical
violation on any panel, in the light and the dark theme; the page works from 360 px with the
verdict in sight; downloads, the semantics picker and the CLI's example names work.

Screenshots at 360, 800 and 1400 px go to test-output/screenshots/.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from tests.web.test_browser import (  # the same server, browser and page fixtures
    BASE,
    MAP_BOXES,
    SHOTS,
    _rule_node,
    browser_context,
    page,
    pytestmark,
    server,
)

__all__ = ["browser_context", "page", "pytestmark", "server"]  # fixtures and marks, reused

REPO = Path(__file__).resolve().parents[2]


def _axe_source() -> str | None:
    roots = [REPO / ".venv" / "node" / "node_modules"]
    roots += [Path(p) for p in os.environ.get("NODE_PATH", "").split(os.pathsep) if p]
    for root in roots:
        path = root / "axe-core" / "axe.min.js"
        if path.exists():
            return path.read_text(encoding="utf-8")
    return None


AXE = _axe_source()
needs_axe = pytest.mark.skipif(AXE is None, reason="axe-core not found in .venv/node "
                                                   "(make argdown-deps installs it)")


def _open_everything(page: Any, server: str) -> None:
    """The page with every panel filled: evaluation, detail, quote list, timeline, analyses,
    backtest, two sides, ICCMA answer, a corpus search, the map unfolded."""
    page.goto(f"{server}/?{urlencode(BASE)}")
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    page.locator("#graph[data-fresh='true'] g.node[role='button']").first.click()
    page.wait_for_selector("#detail-id", timeout=10_000)
    page.wait_for_selector("#hypotheses table.matrix", timeout=30_000)
    page.wait_for_selector("#timeline svg", timeout=30_000)
    if page.locator("#backtest-run").is_visible():
        page.click("#backtest-run")
        page.wait_for_selector("#backtest table", timeout=60_000)
    if page.locator("#joint-panel").is_visible():
        page.click("#joint-form button[type=submit]")
        page.wait_for_selector("#joint table, #joint p", timeout=60_000)
    page.click("#af-form button")
    page.wait_for_function("document.querySelector('#af-answer').textContent.length > 0",
                           timeout=30_000)
    if page.locator("#corpus-panel").is_visible():
        page.fill("#corpus-q", "negotiation")
        page.click("#corpus-form button")
        page.wait_for_timeout(500)
    page.click("details.arg-list-box summary")
    page.check("#show-defeated")  # the map with its defeats' captions
    page.wait_for_selector("#graph[data-fresh='true'] g.edge-label", timeout=30_000)


def _serious(page: Any) -> list[str]:
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' ' +"
        " (n.any[0] && n.any[0].data && n.any[0].data.contrastRatio ? JSON.stringify("
        "[n.any[0].data.fgColor, n.any[0].data.bgColor, n.any[0].data.contrastRatio]) : ''))}))"
    )
    return [f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in result
            if v["impact"] in ("serious", "critical")]


@needs_axe
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_any_panel(page: Any, server: str,
                                                     scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    _open_everything(page, server)
    assert _serious(page) == []
    page.locator("#detail-body blockquote.quote-link").first.click()
    page.wait_for_selector("#quote-context mark", timeout=10_000)
    assert _serious(page) == [], "in the quote dialog"
    page.keyboard.press("Escape")
    page.goto(f"{server}/reference")
    page.wait_for_selector("section.op", timeout=20_000)
    assert _serious(page) == [], "on the API reference page"


@pytest.mark.parametrize("width", [360, 800, 1400])
def test_usable_from_360_px_with_the_verdict_in_sight(page: Any, server: str,
                                                      width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/?{urlencode(BASE)}")
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    box = page.locator("#verdict").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["y"] + box["height"] <= 900
    # nothing wider than the window: no sideways scrolling of the page itself
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"12-width-{width}.png"), full_page=False)


def test_semantics_picker_reaches_the_evaluation_and_the_url(page: Any, server: str) -> None:
    page.goto(f"{server}/?{urlencode(BASE)}")
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    with page.expect_request(lambda r: r.url.endswith("/api/evaluate")
                             and '"semantics":"preferred"' in (r.post_data or "")):
        page.select_option("#semantics-select", "preferred")
    page.wait_for_function("location.search.includes('sem=preferred')")
    page.wait_for_function("overture.evaluation && overture.evaluation.semantics === 'preferred'")
    page.reload()
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    assert page.input_value("#semantics-select") == "preferred"


@pytest.mark.parametrize(("fmt", "suffix", "start"), [
    ("html", ".html", "<!doctype html"), ("aif", ".json", "{"), ("svg", ".svg", "<svg"),
    ("argdown", ".argdown", ""), ("iccma", ".af", "p af"),
])
def test_downloads_what_is_on_screen(page: Any, server: str, fmt: str, suffix: str,
                                     start: str) -> None:
    page.goto(f"{server}/?{urlencode(BASE)}")
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    with page.expect_download(timeout=60_000) as info:
        page.click(f"button[data-download='{fmt}']")
    download = info.value
    assert download.suggested_filename.endswith(suffix)
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.lower().lstrip().startswith(start) and len(text) > 50


def test_example_names_are_the_clis(page: Any, server: str) -> None:
    from overture.doctrine import doctrine_scenarios, load_doctrine

    page.goto(f"{server}/?{urlencode(BASE)}")
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    names = page.evaluate("[...document.querySelectorAll('#f-example optgroup:first-of-type "
                          "option')].map(o => o.textContent)")
    assert names == list(doctrine_scenarios(load_doctrine("iran-us")))
    page.select_option("#f-example", f"s:{names[0]}")
    page.wait_for_function(f"location.search.length > 0 && overture.scenario.date === "
                           f"{page.evaluate('overture.doctrine.scenarios[0].scenario.date')!r}")


WRITE_TOKEN = "browser-test-token-0123456789"


@pytest.fixture(scope="module")
def writer_server(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A server that accepts writes (with WRITE_TOKEN) into a temporary doctrine folder."""
    import socket
    import threading
    import time

    import uvicorn

    from overture.web import Settings, create_app

    app = create_app(Settings(source_dirs=(shared_dir,), write_token=WRITE_TOKEN,
                              doctrine_dir=tmp_path_factory.mktemp("doctrines")))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def _state(page: Any, test: str, timeout: int = 60_000) -> None:
    """Wait until the editor's state line passes `test` (a JS expression on `t`)."""
    page.wait_for_function(
        f"(t => {test})(document.querySelector('#doc-state').textContent)", timeout=timeout)


def _set_text(page: Any, text: str) -> None:
    """Put `text` into the editor in one step and fire its `input` event, as a paste does.

    Playwright's `fill` inserts 89 KB as typed text, which timed out on a loaded machine."""
    page.eval_on_selector(
        "#doc-text",
        "(el, text) => { el.value = text; el.dispatchEvent(new Event('input', {bubbles: true})); }",
        text)


def test_edit_check_fix_save_reload(page: Any, writer_server: str) -> None:
    """Load the doctrine's file, break it (the located error appears and puts the caret at
    its line), fix it, save it under a new id with the token, reload it; a failing edit or a
    shipped id is never saved."""
    page.goto(f"{writer_server}/?{urlencode(BASE)}")
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    page.click("#doc-load")
    _state(page, "t.includes('tests pass')")
    original = page.input_value("#doc-text")
    mine = original.replace("id: iran-us", "id: my-iran", 1)
    lines = mine.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("quotes: ["))
    broken = lines.copy()
    broken[at] = broken[at].replace("quotes: [", "quotes: [no_such_quote, ", 1)
    _set_text(page, "\n".join(broken))
    page.wait_for_selector("#doc-problems .problem", timeout=30_000)
    problem = page.locator("#doc-problems .problem").first
    assert f"line {at + 1}" in problem.inner_text() and "no_such_quote" in problem.inner_text()
    assert page.is_disabled("#doc-save")
    problem.click()
    assert page.inner_text("#doc-caret").startswith(f"line {at + 1},")
    # the shipped id cannot be saved over; the fixed text under a new id can
    page.fill("#doc-token", WRITE_TOKEN)
    _set_text(page, original)
    _state(page, "t.includes('tests pass')")
    page.click("#doc-save")
    _state(page, "t.startsWith('not saved')")
    assert "shipped" in page.inner_text("#doc-state")
    _set_text(page, mine)
    _state(page, "t.includes('tests pass')")
    page.click("#doc-save")
    _state(page, "t === 'saved as my-iran'")
    page.wait_for_function("document.querySelector('#doctrine-select').value === 'my-iran'")
    page.goto(f"{writer_server}/?doctrine=my-iran")
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    assert page.input_value("#doctrine-select") == "my-iran"
    page.click("#doc-load")
    page.wait_for_function("document.querySelector('#doc-text').value.includes('id: my-iran')",
                           timeout=30_000)
    # and a file from disk goes into the editor the same way, checked at once
    page.set_input_files("#doc-file", files=[{"name": "broken.yaml", "mimeType": "text/yaml",
                                             "buffer": "\n".join(broken).encode()}])
    page.wait_for_selector("#doc-problems .problem", timeout=30_000)
    page.locator("#doc-panel").screenshot(path=str(SHOTS / "14-editor-located-error.png"))


SELECT_SCRIPT = """
() => {
  const box = document.querySelector('#quote-context');
  const node = [...box.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim().length > 60);
  const text = node.textContent;
  const start = text.search(/[A-Za-z]/);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + 50);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  return sel.toString();
}
"""


def test_quote_from_a_selection_goes_into_the_editor(page: Any, server: str) -> None:
    """Select words of the source in the quote dialog: they come back verified, in the
    source's own words, as a new quote cited by the chosen rule, in the editor, checked."""
    page.goto(f"{server}/?{urlencode(BASE)}")
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    _rule_node(page).click()
    page.wait_for_selector("#detail-rule", timeout=10_000)
    rule = page.inner_text("#detail-rule").split()[0]
    page.locator("#detail-body blockquote.quote-link").first.click()
    page.wait_for_selector("#quote-new", timeout=10_000)
    chosen = page.evaluate(SELECT_SCRIPT)
    assert len(chosen.split()) >= 5
    page.fill("#quote-new-id", "q_from_selection")
    page.select_option("#quote-new-rule", rule)
    page.evaluate(SELECT_SCRIPT)  # filling the fields moved the selection; select again
    page.click("#quote-new button[type=submit]")
    page.wait_for_function("document.querySelector('#doc-text').value.includes('q_from_selection')",
                           timeout=30_000)
    text = page.input_value("#doc-text")
    assert "- id: q_from_selection" in text
    stored = text.split("- id: q_from_selection", 1)[1].split("text:", 1)[1].splitlines()[0]
    def plain(x: str) -> str:
        return " ".join(x.split()).replace("’", "'")

    assert plain(chosen)[:30] in plain(stored)
    _state(page, "t.includes('tests pass')")
    # words that are not in the source are refused
    page.goto(f"{server}/?{urlencode(BASE)}")
    r = page.request.post(f"{server}/api/doctrines/iran-us/quote", data={
        "source": "iranreview_2012", "text": "words this source never had in it at all",
        "id": "q_bad"})
    assert r.status == 422 and "not in the text" in r.text()


def test_swagger_docs_work_offline(page: Any, server: str) -> None:
    """/docs renders every operation with nothing fetched from outside 127.0.0.1 (the page
    fixture aborts and reports any such request)."""
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() >= 20
    page.screenshot(path=str(SHOTS / "13-swagger-docs.png"), full_page=False)


def _tab_to(page: Any, selector: str, limit: int = 400) -> int:
    """Press Tab until the focused element matches `selector`; the number of presses (the
    control is reachable by the keyboard in that many steps, or the test fails)."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector):
            return presses
    raise AssertionError(f"{selector} not reached in {limit} presses of Tab")


def test_keyboard_only_walk(page: Any, server: str) -> None:
    """Scenario, evaluation, explanation, counterfactual, apply: by Tab, Space, Enter and
    Escape alone, from the top of the page; each control reached in a bounded number of Tabs."""
    page.goto(f"{server}/?{urlencode(BASE)}")
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    steps = {"topic": _tab_to(page, "#f-topics input[value='sanctions']")}
    page.keyboard.press("Space")
    page.wait_for_function("location.search.includes('sanctions') && overture.evaluation && "
                           "overture.evaluation.scenario.topics.includes('sanctions')",
                           timeout=30_000)
    page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
    before = page.get_attribute("#verdict", "data-verdict")
    steps["argument"] = _tab_to(page, "#graph g.node[role='button']")
    chosen = page.evaluate("document.activeElement.dataset.id")
    page.keyboard.press("Enter")
    page.wait_for_selector("#detail-id", timeout=10_000)
    assert page.inner_text("#detail-id") == chosen
    # the explanation's quote, opened and closed by keys; focus comes back to it
    steps["quote"] = _tab_to(page, "#detail-body blockquote.quote-link")
    page.keyboard.press("Enter")
    page.wait_for_selector("#quote-dialog:not([hidden])", timeout=10_000)
    page.keyboard.press("Escape")
    page.wait_for_selector("#quote-dialog[hidden]", state="attached", timeout=10_000)
    assert page.evaluate("document.activeElement.matches('#detail-body blockquote.quote-link')")
    page.wait_for_selector("#counterfactuals button", timeout=60_000)
    steps["counterfactual"] = _tab_to(page, "#counterfactuals button")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('#verdict').dataset.verdict !== {before!r}",
                           timeout=30_000)


def test_every_shipped_example_map_is_readable_in_the_page(page: Any, server: str) -> None:
    """Each doctrine's example scenarios, loaded from the Examples list: the served map at
    100 % has no overlapping boxes and no text under 11 px."""
    from overture.doctrine import doctrine_scenarios, list_shipped_doctrines, load_doctrine

    for name in list_shipped_doctrines():
        page.goto(f"{server}/?doctrine={name}")
        page.wait_for_selector("#graph[data-fresh='true'] g.node", timeout=30_000)
        for example in doctrine_scenarios(load_doctrine(name)):
            page.evaluate("window.__drawn = document.querySelector('#graph svg')")
            page.select_option("#f-example", f"s:{example}")
            page.wait_for_function("document.querySelector('#graph svg') && "
                                   "document.querySelector('#graph svg') !== window.__drawn",
                                   timeout=30_000)
            boxes = page.evaluate(MAP_BOXES)
            assert boxes, f"{name}/{example}: nothing drawn"
            for i, (_, x1, y1, w1, h1, font) in enumerate(boxes):
                assert font >= 11, f"{name}/{example}: text under 11 px"
                for _, x2, y2, w2, h2, _ in boxes[i + 1:]:
                    assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1, \
                        f"{name}/{example}: two boxes overlap"
