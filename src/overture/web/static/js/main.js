// The workbench: a scenario editor whose every change re-evaluates the scenario (debounced),
// redraws the verdict, the argument graph and the analyses, and rewrites the URL.

import { api, debounce, fresh, isAbort } from "./api.js";
import { $, h } from "./dom.js";
import { DoctrineEditor } from "./editor.js";
import { ArgumentGraph } from "./graph.js";
import { drawTimeline } from "./timeline.js";
import { readUrl, writeUrl } from "./urlstate.js";


const app = {
  features: null,
  doctrine: null,
  scenario: null,
  selected: null,
  evaluation: null,
  quotes: new Map(),
  sources: new Map(),
  rules: new Map(),
  defaults: {},
  graph: null,
  semantics: "grounded",
};

//: The semantics a verdict can be computed under (the API's names), with what each means.
const SEMANTICS = [
  ["grounded", "grounded: only what survives every line of attack (sceptical, the default)"],
  ["preferred", "preferred: accepted in every maximal defensible position"],
  ["stable", "stable: accepted in every position that rejects all it does not accept"],
  ["semi-stable", "semi-stable: stable where possible, else the widest reach"],
  ["stage", "stage: conflict-free positions of widest reach"],
  ["ideal", "ideal: the largest position every preferred one agrees to defend"],
  ["complete", "complete: accepted in every complete position (as grounded)"],
];
window.overture = app; // handy for debugging and for the browser tests

function status(message, isError = false) {
  const s = $("status");
  s.textContent = message || "";
  s.classList.toggle("error", Boolean(isError && message));
}

const dayMs = 86400000;
const toDay = (iso) => Math.round(Date.parse(iso + "T00:00:00Z") / dayMs);
const fromDay = (n) => new Date(n * dayMs).toISOString().slice(0, 10);

// ---------------------------------------------------------------- scenario editor
function buildEditor(d) {
  const cp = $("f-counterparty");
  cp.replaceChildren(...d.counterparties.map((c) => h("option", { value: c.id, title: c.description || "" }, c.name || c.id)));
  $("f-topics").replaceChildren(...d.topics.map((t) => h("label", { class: "chip", title: t.description },
    h("input", { type: "checkbox", name: "topics", value: t.id }), t.id.replaceAll("_", " "))));
  $("f-mode").replaceChildren(...d.modes.map((m) => h("label", { title: m.description },
    h("input", { type: "radio", name: "mode", value: m.id }), m.id)));
  $("f-initiated_by").replaceChildren(...d.initiators.map((i) => h("option", { value: i.id, title: i.description }, i.id.replaceAll("_", " "))));
  $("f-view").replaceChildren(...d.views.map((v) => h("option", { value: v.id, title: v.description || "" }, `${v.id} — ${v.title}`)));
  $("f-action").replaceChildren(...d.actions.map((a) => h("option", { value: a }, a.replaceAll("_", " "))));
  $("f-action-label").hidden = d.actions.length < 2;
  $("f-dimensions").replaceChildren(...d.dimensions.map((dim) => h("label", { title: dim.description },
    `${dim.id.replaceAll("_", " ")} `,
    h("select", { "data-dimension": dim.id, name: dim.id },
      ...dim.values.map((v) => h("option", { value: v.id, title: v.description }, v.id.replaceAll("_", " ")))))));
  // A fact the user has not set follows the doctrine's world as of the date (shown after each
  // evaluation); touching its box sets it explicitly.
  $("f-facts").replaceChildren(...d.facts.map((f) => h("label", { class: "fact" },
    h("input", { type: "checkbox", name: "fact", value: f.id, "data-fact": f.id }),
    h("span", {}, f.id.replaceAll("_", " "), h("small", {}, f.description)))));
  const date = $("f-date");
  $("f-date-typed").min = d.dates.first;
  $("f-date-typed").max = d.dates.last;
  date.min = String(toDay(d.dates.first));
  date.max = String(toDay(d.dates.last));
  const ex = $("f-example");
  // The example scenarios by the names the CLI knows (`overture scenarios`, `overture
  // evaluate -d DOCTRINE NAME`), then the doctrine's own tests.
  const groups = [];
  if (d.scenarios && d.scenarios.length) {
    groups.push(h("optgroup", { label: "example scenarios (overture scenarios)" },
      ...d.scenarios.map((s) => h("option", { value: `s:${s.name}` }, s.name))));
  }
  if (d.examples.length) {
    groups.push(h("optgroup", { label: "doctrine tests" },
      ...d.examples.map((t, i) => h("option", { value: `t:${i}` }, `${t.id} (${t.expect})`))));
  }
  ex.replaceChildren(h("option", { value: "" }, "load an example…"), ...groups);
}

function showScenario(s) {
  $("f-counterparty").value = s.counterparty;
  for (const box of document.querySelectorAll("#f-topics input")) box.checked = s.topics.includes(box.value);
  for (const r of document.querySelectorAll("#f-mode input")) r.checked = r.value === s.mode;
  $("f-initiated_by").value = s.initiated_by || app.doctrine.default_initiator;
  $("f-view").value = s.view;
  $("f-action").value = s.action || app.doctrine.actions[0];
  for (const sel of document.querySelectorAll("#f-dimensions select")) {
    const dim = app.doctrine.dimensions.find((x) => x.id === sel.dataset.dimension);
    sel.value = (s.dimensions || {})[sel.dataset.dimension] || dim.default;
  }
  $("f-date").value = String(toDay(s.date));
  $("f-date-out").textContent = s.date;
  $("f-date-typed").value = s.date;
  for (const box of document.querySelectorAll("#f-facts input")) {
    delete box.dataset.touched;
    box.checked = box.value in s.facts ? Boolean(s.facts[box.value]) : Boolean(app.defaults[box.value]);
  }
}

function showFactOrigins(ev) {
  for (const f of ev.facts || []) {
    const box = document.querySelector(`#f-facts input[data-fact="${f.fact}"]`);
    if (!box) continue;
    if (!(f.fact in app.scenario.facts)) box.checked = f.value;
    box.title = `${f.value ? "true" : "false"}: ${f.detail}`;
  }
}

function readEditor() {
  const topics = [...document.querySelectorAll("#f-topics input:checked")].map((b) => b.value);
  const mode = document.querySelector("#f-mode input:checked");
  const facts = { ...app.scenario.facts };
  for (const box of document.querySelectorAll("#f-facts input")) {
    if (box.dataset.touched) facts[box.value] = box.checked;
  }
  const dimensions = {};
  for (const sel of document.querySelectorAll("#f-dimensions select")) dimensions[sel.dataset.dimension] = sel.value;
  return {
    counterparty: $("f-counterparty").value,
    topics,
    mode: mode ? mode.value : app.scenario.mode,
    date: fromDay(Number($("f-date").value)),
    view: $("f-view").value,
    initiated_by: $("f-initiated_by").value,
    action: $("f-action").value || undefined,
    dimensions,
    facts,
  };
}

function setScenario(s, { keepSelection = true } = {}) {
  app.scenario = s;
  if (!keepSelection) app.selected = null;
  showScenario(s);
  writeUrl(app.doctrine.id, s, app.defaults, app.selected, app.semantics);
  scheduleEvaluate();
}

// ---------------------------------------------------------------- evaluation
const scheduleEvaluate = debounce(evaluate, 180);
const scheduleAnalyses = debounce(runAnalyses, 400);

async function evaluate() {
  if (!app.scenario.topics.length) {
    status("Pick at least one topic.", true);
    return;
  }
  const signal = fresh("evaluate");
  $("verdict").classList.add("busy");
  try {
    const ev = await api.post("/api/evaluate", { doctrine: app.doctrine.id, scenario: app.scenario, semantics: app.semantics }, signal);
    app.evaluation = ev;
    status("");
    showVerdict(ev);
    showFactOrigins(ev);
    const ids = new Set(ev.arguments.map((a) => a.id));
    if (app.selected && !ids.has(app.selected)) app.selected = null;
    drawGraph();
    showReasons(ev);
    showDetail(app.selected);
    scheduleAnalyses();
  } catch (err) {
    if (isAbort(err)) return;
    status(`Could not evaluate: ${err.message}`, true);
  } finally {
    $("verdict").classList.remove("busy");
  }
}

// The graph as the server lays it out (the argument map by default, the attack graph one
// click away); the scenario's own facts only on request. Beside it, the same arguments as a
// list with their statuses, for screen readers and for reading in order.
async function drawGraph() {
  const ev = app.evaluation;
  if (!ev) return;
  const style = document.querySelector("input[name='graph-style']:checked")?.value || "map";
  $("graph").dataset.fresh = "false"; // the drawing on screen is of the previous evaluation
  showArgumentList(ev);
  try {
    const g = await api.post("/api/graph", {
      doctrine: app.doctrine.id, scenario: app.scenario, semantics: app.semantics,
      style, premises: $("show-premises").checked, defeated: $("show-defeated").checked,
    }, fresh("graph"));
    app.graph.show(g.svg, app.selected);
    $("folded-count").textContent = g.folded ? `(${g.folded} folded)` : "";
    $("graph").dataset.fresh = "true";
  } catch (err) {
    if (isAbort(err)) return;
    app.graph.empty(`Could not draw the graph: ${err.message}`);
    $("graph").dataset.fresh = "true";
  }
}

function showArgumentList(ev) {
  const showFacts = $("show-premises").checked;
  const args = ev.arguments.filter((a) => showFacts || a.kind !== "scenario");
  const order = { in: 0, undec: 1, out: 2 };
  args.sort((x, y) => order[x.status] - order[y.status] || x.id.localeCompare(y.id));
  $("arg-list-count").textContent = `(${args.length})`;
  const lostTo = new Map(ev.defeated.map((d) => [d.argument, d]));
  $("arg-list").replaceChildren(...args.map((a) => {
    const d = lostTo.get(a.id);
    return h("li", {},
      h("button", { type: "button", class: "linkish", "data-arg": a.id, onclick: () => app.graph.select(a.id) },
        h("span", { class: `pill ${a.status}` }, a.status), " ", a.rule_id || a.conclusion),
      " ", h("span", { class: "muted" }, [a.gloss, a.source, a.date].filter(Boolean).join(" · ")),
      d ? h("span", { class: "defeat", "data-by": d.defeated_by_argument },
        ` — defeated by ${d.defeated_by || d.defeated_by_argument} (${d.why})`) : null);
  }));
}

function showVerdict(ev) {
  const v = $("verdict");
  v.dataset.verdict = ev.verdict;
  v.querySelector(".verdict-label").textContent = ev.verdict.toUpperCase();
  v.title = `${ev.semantics} semantics, view ${ev.view}, ${ev.date}`;
}

function reasonItem(r) {
  return h("li", {}, h("b", {}, r.rule_id), " ", r.gloss, " ",
    h("span", { class: "muted" }, `(${r.source}, ${r.date})`), " ",
    ...r.quotes.map((q) => h("a", { href: "#", class: "quote-ref", "data-quote": q.id, title: q.text, onclick: (e) => { e.preventDefault(); openQuote(q.id); } }, `[${q.id}]`)));
}

function showReasons(ev) {
  const box = $("reasons");
  box.replaceChildren(
    h("div", {}, h("h4", {}, "Reasons for"), ev.reasons_for.length ? h("ul", {}, ev.reasons_for.map(reasonItem)) : h("p", { class: "muted" }, "none")),
    h("div", {}, h("h4", {}, "Reasons against"), ev.reasons_against.length ? h("ul", {}, ev.reasons_against.map(reasonItem)) : h("p", { class: "muted" }, "none")),
    h("p", { class: "scope" }, ev.scope.length ? `Talks permitted on: ${ev.scope.join(", ")}` : "Talks permitted on no topic of this scenario."),
  );
}

// ---------------------------------------------------------------- argument detail + quotes
function quoteBlock(qid) {
  const q = app.quotes.get(qid);
  if (!q) return h("p", { class: "muted" }, `quote ${qid}`);
  const src = app.sources.get(q.source);
  const cite = [src ? src.title : q.source, q.cited && q.cited.speech, q.cited && q.cited.date].filter(Boolean).join(" · ");
  return h("blockquote", { class: "quote-link", tabindex: "0", "data-quote": qid, title: "Show in its source", onclick: () => openQuote(qid),
    onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); openQuote(qid); } } }, `“${q.text}”`, h("cite", {}, cite));
}

function showDetail(id) {
  const body = $("detail-body");
  const ev = app.evaluation;
  const arg = ev && id ? ev.arguments.find((a) => a.id === id) : null;
  if (!arg) {
    body.replaceChildren(h("p", { class: "muted" }, "Click an argument in the graph."));
    return;
  }
  const rule = app.rules.get(arg.rule_id);
  const attackers = ev.attacks.filter((a) => a.target === id);
  const targets = ev.attacks.filter((a) => a.attacker === id);
  const atk = (a, other) => h("li", {}, h("a", { href: "#", onclick: (e) => { e.preventDefault(); app.graph.select(other); } }, other),
    ` ${a.kind}`, a.succeeds ? "" : h("span", { class: "muted" }, ` fails: ${a.why || "preference"}`));
  body.replaceChildren(...[
    h("dl", {},
      h("dt", {}, "argument"), h("dd", { id: "detail-id" }, arg.id),
      h("dt", {}, "status"), h("dd", {}, h("span", { class: `pill ${arg.status}` }, arg.status)),
      h("dt", {}, "concludes"), h("dd", {}, h("code", {}, arg.conclusion)),
      h("dt", {}, "rule"), h("dd", { id: "detail-rule" }, arg.rule_id || "—", ` (${arg.kind})`),
      h("dt", {}, "source"), h("dd", {}, [arg.source, arg.date].filter(Boolean).join(", ") || "—"),
    ),
    h("p", { id: "detail-gloss" }, arg.gloss || (rule && rule.gloss) || ""),
    h("h4", {}, "Quotes"),
    ...(arg.quotes.length ? arg.quotes.map((q) => quoteBlock(q.id)) : [h("p", { class: "muted" }, "none")]),
    attackers.length ? h("div", {}, h("h4", {}, "Attacked by"), h("ul", {}, attackers.map((a) => atk(a, a.attacker)))) : null,
    targets.length ? h("div", {}, h("h4", {}, "Attacks"), h("ul", {}, targets.map((a) => atk(a, a.target)))) : null,
  ].filter(Boolean));
}

function onSelect(id) {
  app.selected = id;
  writeUrl(app.doctrine.id, app.scenario, app.defaults, id, app.semantics);
  showDetail(id);
}

let quoteOpener = null;

async function openQuote(qid) {
  const dialog = $("quote-dialog");
  if (dialog.hidden) quoteOpener = document.activeElement;
  const body = $("quote-body");
  const q = app.quotes.get(qid);
  $("quote-title").textContent = q ? `Quote ${qid}` : qid;
  body.replaceChildren(h("p", { class: "muted" }, "Loading…"));
  dialog.hidden = false;
  $("quote-close").focus();
  try {
    const c = await api.get(`/api/doctrines/${encodeURIComponent(app.doctrine.id)}/quotes/${encodeURIComponent(qid)}/context`);
    const src = c.source;
    const cite = [src.title, src.publisher, src.date, c.cited && c.cited.speech, c.cited && c.cited.date].filter(Boolean).join(" · ");
    body.replaceChildren(
      h("p", { class: "muted" }, cite),
      c.found
        ? h("div", { class: "context", id: "quote-context" }, c.before ? "…" + c.before : "", h("mark", {}, c.passage), c.after ? c.after + "…" : "")
        : h("div", { class: "context", id: "quote-context" }, h("mark", {}, c.text), h("p", { class: "muted" }, c.note || "The source text is not available on this server.")),
      c.found ? quoteFromSelectionForm(src.id) : "",
    );
  } catch (err) {
    body.replaceChildren(q ? quoteBlock(qid) : "", h("p", { class: "muted" }, `Context unavailable: ${err.message}`));
  }
}

// Select words in the source's text above, name the quote, pick the rule that cites it: the
// server checks the words stand in the source and adds them, in the source's own words, to the
// doctrine text in the editor (which then checks it; saving is the editor's).
function quoteFromSelectionForm(sourceId) {
  const rules = [...app.rules.keys()].sort();
  const form = h("form", { class: "quote-new", id: "quote-new" },
    h("p", { class: "muted" }, "Select a passage above to quote it:"),
    h("label", {}, "quote id ", h("input", { id: "quote-new-id", required: "", pattern: "[a-z][a-z0-9_]*", size: "18", value: "q_new" })),
    h("label", {}, " cited by ", h("select", { id: "quote-new-rule" }, h("option", { value: "" }, "(no rule)"),
      ...rules.map((r) => h("option", { value: r }, r)))),
    h("button", { type: "submit" }, "Add to the editor"),
    h("span", { id: "quote-new-state", class: "muted", role: "status" }));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const sel = window.getSelection();
    const inContext = sel && sel.rangeCount && $("quote-context").contains(sel.getRangeAt(0).commonAncestorContainer);
    const text = inContext ? sel.toString().trim() : "";
    if (!text) { $("quote-new-state").textContent = "select words in the source's text first"; return; }
    try {
      const current = $("doc-text").value.trim() ? $("doc-text").value : null;
      const r = await api.post(`/api/doctrines/${encodeURIComponent(app.doctrine.id)}/quote`, {
        source: sourceId, text, id: $("quote-new-id").value, rule: $("quote-new-rule").value || null, yaml: current });
      closeQuote();
      await app.editor.setText(r.yaml);
      $("doc-panel").scrollIntoView({ block: "start" });
      status(`Quote ${$("quote-new-id").value} added to the editor (characters ${r.start}-${r.end} of the source).`);
    } catch (err) {
      $("quote-new-state").textContent = err.body && err.body.errors && err.body.errors.length
        ? err.body.errors.map((x) => x.message).join("; ") : err.message;
    }
  });
  return form;
}

function closeQuote() {
  const dialog = $("quote-dialog");
  if (dialog.hidden) return;
  dialog.hidden = true;
  if (quoteOpener && document.contains(quoteOpener)) quoteOpener.focus(); // focus goes back
  quoteOpener = null;
}

// Tab stays inside the open dialog (it is modal).
function trapFocus(e) {
  const dialog = $("quote-dialog");
  if (dialog.hidden || e.key !== "Tab") return;
  const items = [...dialog.querySelectorAll("button, a[href], input, select, [tabindex]:not([tabindex='-1'])")];
  if (!items.length) return;
  const first = items[0], last = items[items.length - 1];
  if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  else if (!dialog.contains(document.activeElement)) { e.preventDefault(); first.focus(); }
}

// ---------------------------------------------------------------- analyses
async function runAnalyses() {
  const f = app.features;
  if (!f.analysis) return;
  const body = { doctrine: app.doctrine.id, scenario: app.scenario, semantics: app.semantics };
  const tasks = [];
  const span = { from: app.doctrine.dates.first, to: app.doctrine.dates.last };
  tasks.push(api.post("/api/timeline", { ...body, ...span }, fresh("timeline")).then((t) => {
    $("timeline-panel").hidden = false;
    drawTimeline($("timeline"), t, (date) => setScenario({ ...app.scenario, date }));
  }));
  const target = $("cf-target").value || defaultTarget();
  tasks.push(api.post("/api/counterfactual", { ...body, target, max_changes: 2 }, fresh("cf")).then(showCounterfactuals));
  $("cf-target").value = target;
  tasks.push(api.post("/api/views", body, fresh("views")).then(showViews));
  tasks.push(api.post("/api/why-not", { ...body, target }, fresh("whynot")).then(showWhyNot));
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r) => r.status === "rejected" && !isAbort(r.reason));
  if (failed) status(`Analysis: ${failed.reason.message}`, true);
}

function defaultTarget() {
  const v = app.evaluation ? app.evaluation.verdict : "forbidden";
  return v === "permitted" ? "forbidden" : "permitted";
}

function describeChange(e) {
  return h("span", { class: "change", title: e.stands_for || "" }, e.description);
}

function showCounterfactuals(cf) {
  $("cf-panel").hidden = false;
  const list = $("counterfactuals");
  const found = cf.counterfactuals;
  if (!found.length) {
    list.replaceChildren(h("li", { class: "muted" }, `No set of at most ${cf.max_changes} changes makes it “${cf.target}”.`));
    return;
  }
  list.replaceChildren(...found.slice(0, 12).map((c, i) => h("li", {},
    ...c.edits.map(describeChange), " → ", h("b", {}, c.verdict), " ",
    h("button", { type: "button", class: "apply-cf", "data-index": String(i), onclick: () => applyScenario(c.scenario) }, "Apply"),
    c.reasons.length ? h("div", { class: "muted" }, "through ", ...c.reasons.slice(0, 4).map((r) => h("span", { title: r.gloss }, r.rule_id + " "))) : null)),
    found.length > 12 ? h("li", { class: "muted" }, `and ${found.length - 12} more`) : "");
}

// A scenario from the server (counterfactual, example): the doctrine's defaults fill its facts.
function applyScenario(raw) {
  const { id, description, ...rest } = raw;
  setScenario({ ...rest, facts: { ...app.defaults, ...(rest.facts || {}) } }, { keepSelection: false });
}

function showWhyNot(w) {
  const box = $("whynot");
  if (w.already) { box.replaceChildren(); return; }
  const items = [
    ...w.obstacles.slice(0, 8).map((o) => h("li", {}, h("b", {}, o.reason ? o.reason.rule_id : o.argument.id), " ",
      o.reason ? o.reason.gloss : o.argument.gloss,
      o.undercut_by.length ? h("span", { class: "muted" }, ` — would be undercut by ${o.undercut_by.join(", ")}`) : null)),
    ...w.missing_support.slice(0, 8).map((m) => h("li", {}, h("b", {}, m.reason.rule_id), " does not apply: ",
      h("span", { class: "muted" }, m.unmet.join("; ")))),
  ];
  box.replaceChildren(h("h4", {}, `What stands in the way of “${w.target}”`), h("p", { class: "muted" }, w.message),
    items.length ? h("ul", {}, items) : "");
}

const pillClass = (v) => (v === "permitted" ? "in" : v === "forbidden" ? "out" : "undec");

function showViews(v) {
  $("views-panel").hidden = false;
  const diff = v.differing_rules;
  $("views").replaceChildren(
    h("div", { class: "views-grid" }, ...v.views.map((row) => h("div", { class: "view-card", "data-view": row.view },
      h("b", {}, row.view), " ", h("span", { class: `pill ${pillClass(row.verdict)}` }, row.verdict),
      h("div", { class: "muted" }, `${row.reasons_for.length} for, ${row.reasons_against.length} against`)))),
    diff.length
      ? h("ul", {}, diff.slice(0, 10).map((d) => h("li", {}, h("b", {}, d.rule_id), ` (${d.side}) only in ${d.present_in.join(", ")}: ${d.gloss}`)))
      : h("p", { class: "muted" }, v.agree ? "All views agree." : ""));
}

async function runBacktest() {
  const out = $("backtest");
  out.replaceChildren(h("p", { class: "muted" }, "judging each event as of its date…"));
  try {
    const r = await api.post("/api/backtest", { doctrine: app.doctrine.id, views: [app.scenario.view], semantics: app.semantics });
    const pct = (x) => (x === null ? "–" : `${Math.round(x * 100)}%`);
    const num = (x) => (x === null ? "–" : x.toFixed(3));
    const head = h("tr", {}, ...["view", "hits", "accuracy", "coverage", "Brier", "always refuse", "base rate", "previous outcome"].map((t) => h("th", {}, t)));
    const rows = r.views.map((v) => h("tr", {}, h("td", {}, v.view), h("td", {}, `${v.hits}/${v.decided}`),
      h("td", {}, pct(v.accuracy)), h("td", {}, pct(v.coverage)), h("td", {}, num(v.brier)),
      h("td", {}, num(v.baselines.always_refuse)), h("td", {}, num(v.baselines.base_rate)), h("td", {}, num(v.baselines.previous_outcome))));
    const charts = r.views.map((v) => {
      const svg = new DOMParser().parseFromString(v.chart_svg, "image/svg+xml").documentElement;
      return h("figure", {}, document.importNode(svg, true), h("figcaption", {}, `view ${v.view}: hits (green), misses (red), undecided (grey)`));
    });
    const misses = r.views[0].events.filter((e) => e.hit === false).map((e) =>
      h("li", {}, `${e.date} ${e.what} — ${e.verdict}, ${e.outcome}` + (e.miss && e.miss.smallest_changes.length ? `; would flip with: ${e.miss.smallest_changes.map((c) => c.join(" + ")).join("; ")}` : "")));
    out.replaceChildren(h("table", { class: "matrix" }, h("thead", {}, head), h("tbody", {}, rows)), ...charts,
      h("h3", {}, `Misses (view ${r.views[0].view})`), h("ul", {}, misses));
  } catch (err) {
    out.replaceChildren(h("p", { class: "error" }, `Backtest: ${err.message}`));
  }
}

// ---------------------------------------------------------------- two sides
function jointTable(head, rows) {
  return h("table", { class: "joint-table" },
    h("thead", {}, h("tr", {}, ...head.map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))));
}

const quoted = (q) => (q ? `“${q.replace(/\s+/g, " ")}”` : "");
const describeOverture = (o) => {
  const dims = Object.entries(o).filter(([k]) => k !== "topics" && k !== "mode").map(([, v]) => v);
  return `${o.topics.join(" + ")} (${[o.mode, ...dims].join(", ")})`;
};
const stepsText = (steps) => steps.map((s) => s.moves.join(" + ") + (s.mutual ? " (mutual)" : "")).join(" → ") || "no move needed";

function showJoint(r) {
  const out = [];
  const goal = r.goal_topics.length ? ` on ${r.goal_topics.join(" + ")}` : "";
  const sides = Object.entries(r.sides).map(([s, d]) => `${s} (${d})`).join(" and ");
  const head = r.joint.length ? `${r.joint.length} overture(s)${goal} acceptable to both ${sides}`
    : r.stalemate ? `Stalemate${goal} between ${sides}: no overture both accept`
      : `No joint overture${goal} found between ${sides}`;
  out.push(h("p", { class: "joint-summary" }, h("strong", {}, head),
    ` as of ${r.date} (within ${r.searched.max_moves} moves; ${r.searched.overtures} overtures searched; ${r.exact ? "exact" : "cut short: not a stalemate claim"}).`));
  if (r.joint.length) {
    out.push(jointTable(["overture", "moves, in order", "each side's first reason"], r.joint.slice(0, 8).map((j) => [
      describeOverture(j.scenario), stepsText(j.moves),
      Object.entries(j.reasons).map(([s, rs]) => (rs.length ? `${s}: ${rs[0].rule} ${quoted(rs[0].quote)}` : `${s}: –`)).join("\n")])));
  }
  if (r.stalemate && r.stalemate.cycle.length) {
    out.push(h("h3", {}, `The wait-for cycle (on ${describeOverture(r.stalemate.cycle_on)})`));
    out.push(jointTable(["side", "its move", "waits for", "rule", "in its words"], r.stalemate.cycle.map((e) => [
      e.side, e.action, `${e.by}: ${e.waits_for}`, e.rule, quoted(e.quote)])));
  }
  if (r.side_graphs && r.side_graphs.length) {
    out.push(h("div", { class: "joint-sides" }, ...r.side_graphs.map((s) => {
      const svg = new DOMParser().parseFromString(s.graph_svg, "image/svg+xml").documentElement;
      return h("figure", { class: "joint-side", "data-side": s.side },
        h("h3", {}, s.caption),
        h("figcaption", { class: "muted" }, `${describeOverture(s.scenario)}: ${s.verdict}; ringed: ${s.rules.join(", ") || "none"}`),
        h("div", { class: "joint-graph", tabindex: "0", role: "region", "aria-label": `${s.side}: argument graph (scrolls)` }, document.importNode(svg, true)));
    })));
  }
  if (r.concessions) {
    out.push(h("h3", {}, "Least concessions"));
    out.push(r.concessions.length
      ? h("ol", {}, ...r.concessions.map((c) => h("li", {}, `${c.changes.map((x) => x.description).join("; ")} → ${describeOverture(c.example.scenario)}`)))
      : h("p", { class: "muted" }, "No concession within the bound."));
  }
  $("joint").replaceChildren(...out);
}

async function runJoint(e) {
  e.preventDefault();
  const out = $("joint");
  out.replaceChildren(h("p", { class: "muted" }, "searching overtures and move orders on both sides…"));
  const topics = $("joint-topics").value.split(",").map((t) => t.trim()).filter(Boolean);
  try {
    const r = await api.post("/api/joint", {
      joint: $("joint-select").value, date: $("joint-date").value, graphs: true, semantics: app.semantics,
      topics: topics.length ? topics : null, concessions: $("joint-concessions").checked,
    });
    showJoint(r);
  } catch (err) {
    out.replaceChildren(h("p", { class: "error" }, `Two sides: ${err.message}`));
  }
}

function showJointPanel(d) {
  const mine = (app.joints || []).filter((j) => j.sides.some((s) => s.doctrine === d.id));
  $("joint-panel").hidden = mine.length === 0;
  $("joint-select").replaceChildren(...mine.map((j) => h("option", { value: j.id }, j.title)));
  $("joint-date").value = (app.scenario && app.scenario.date) || d.dates.last;
  $("joint").replaceChildren();
}

async function loadHypotheses() {
  if (!app.features.hypotheses) return;
  try {
    const m = await api.get(`/api/doctrines/${encodeURIComponent(app.doctrine.id)}/hypotheses`);
    if (!m.hypotheses.length) return;
    $("hyp-panel").hidden = false;
    const best = new Set(m.ranking[0] || []);
    const diag = new Map(m.diagnosticity.map((d) => [d.item, d]));
    const head = h("tr", {}, h("th", {}, "evidence"), h("th", { title: "credibility × relevance" }, "weight"), h("th", {}, "diagnostic"),
      ...m.hypotheses.map((x) => h("th", { title: x.description || "" }, x.title)));
    const rows = m.evidence.map((e) => h("tr", {},
      h("td", { class: "ev" }, quoteBlock(e.quote)),
      h("td", {}, (e.credibility * e.relevance).toFixed(2)),
      h("td", {}, diag.has(e.id) ? diag.get(e.id).weighted.toFixed(2) : "–"),
      ...m.hypotheses.map((x) => h("td", { "data-r": e.ratings[x.id] || "N" }, e.ratings[x.id] || "N"))));
    const scores = h("tr", { class: "best" }, h("th", { colspan: "3" }, "weighted inconsistency (lower is better)"),
      ...m.hypotheses.map((x) => h("th", {}, `${m.inconsistency[x.id].toFixed(2)}${best.has(x.id) ? " ★" : ""}`)));
    const pivotal = m.sensitivity.filter((x) => x.pivotal).map((x) => x.item);
    $("hypotheses").replaceChildren(h("table", { class: "matrix" }, h("thead", {}, head), h("tbody", {}, rows), h("tfoot", {}, scores)),
      h("p", { class: "muted" }, pivotal.length ? `The ranking changes if any of these is discredited: ${pivotal.join(", ")}` : "No single item, discredited, changes the ranking."));
  } catch (err) {
    status(`Hypotheses: ${err.message}`, true);
  }
}

// ---------------------------------------------------------------- corpus search
function highlighted(text, spans) {
  const out = [];
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out.push(text.slice(at, start), h("mark", {}, text.slice(start, end)));
    at = end;
  }
  out.push(text.slice(at));
  return out;
}

async function searchCorpus(event) {
  event.preventDefault();
  const q = $("corpus-q").value.trim();
  if (!q) return;
  const list = $("corpus-hits");
  try {
    const params = new URLSearchParams({ q, mode: $("corpus-mode").value, limit: "10" });
    const r = await api.get(`/api/corpus/search?${params}`, fresh("corpus"));
    list.replaceChildren(...(r.hits.length ? r.hits.map((hit) => h("li", { class: "hit" },
      h("div", { class: "muted" }, [hit.title, hit.date, hit.speaker].filter(Boolean).join(" · ")),
      h("div", { class: "hit-text" }, ...highlighted(hit.text, hit.highlights)))) : [h("li", { class: "muted" }, "No passage matches.")]));
  } catch (err) {
    if (!isAbort(err)) list.replaceChildren(h("li", { class: "muted" }, `Search failed: ${err.message}`));
  }
}

// ---------------------------------------------------------------- ICCMA solving
const AF_TASKS = ["DC", "DS", "SE", "EE", "CE"].flatMap((p) => ["GR", "CO", "PR", "ST", "SST", "STG", "ID"].map((s) => `${p}-${s}`));

function setUpSolver() {
  $("af-panel").hidden = false;
  $("af-task").replaceChildren(...AF_TASKS.map((t) => h("option", { value: t }, t)));
  $("af-task").value = "DC-PR";
  $("af-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (file) $("af-text").value = await file.text();
  });
  $("af-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const task = $("af-task").value;
    const params = new URLSearchParams({ task });
    if (task.startsWith("DC") || task.startsWith("DS")) params.set("arg", $("af-arg").value.trim());
    const out = $("af-answer");
    out.textContent = "solving…";
    try {
      const response = await fetch(`/api/af/solve?${params}`, { method: "POST", headers: { "Content-Type": "text/plain" }, body: $("af-text").value, signal: fresh("af") });
      const r = await response.json();
      out.textContent = response.ok
        ? `${r.answer}\n\n${r.task} (${r.semantics}) on ${r.arguments} arguments, ${r.attacks} attacks, ${(r.seconds * 1000).toFixed(1)} ms`
        : `error: ${r.detail}`;
    } catch (err) {
      if (!isAbort(err)) out.textContent = `error: ${err.message}`;
    }
  });
}

// ---------------------------------------------------------------- sources panel
function showSources(d) {
  $("sources").replaceChildren(...d.sources.map((s) => h("div", { class: "source" },
    h("b", {}, s.title), h("span", { class: "kind" }, s.kind), h("div", { class: "muted" }, [s.publisher, s.date, s.speaker].filter(Boolean).join(" · ")),
    h("ul", {}, d.quotes.filter((q) => q.source === s.id).map((q) => h("li", {}, quoteBlock(q.id)))))));
}

// ---------------------------------------------------------------- start-up
async function loadDoctrine(name, fromUrl) {
  const d = await api.get(`/api/doctrines/${encodeURIComponent(name)}`);
  app.doctrine = d;
  app.quotes = new Map(d.quotes.map((q) => [q.id, q]));
  app.sources = new Map(d.sources.map((s) => [s.id, s]));
  app.rules = new Map([...d.rules, ...d.exceptions].map((r) => [r.id, r]));
  app.defaults = Object.fromEntries(d.facts.map((f) => [f.id, f.default]));
  buildEditor(d);
  showSources(d);
  // A scenario in the URL stands alone (facts it omits take the doctrine's defaults);
  // without one, the page opens on the doctrine's showcase example.
  const { id: _id, description: _desc, ...base } = d.default_scenario;
  const given = Object.fromEntries(Object.entries(fromUrl).filter(([k]) => ["counterparty", "mode", "date", "view", "initiated_by", "topics", "action", "dimensions"].includes(k)));
  const fromLink = "counterparty" in given;
  const s = {
    ...base,
    ...given,
    facts: { ...(fromLink ? {} : base.facts), ...(fromUrl.facts || {}) },
  };
  app.selected = fromUrl.arg || null;
  $("workbench").hidden = false;
  $("cf-target").replaceChildren(...["permitted", "forbidden", "contested", "undecided"].map((v) => h("option", { value: v }, v)));
  $("cf-target").value = "";
  setScenario(s);
  loadHypotheses();
  $("backtest-panel").hidden = !d.has_events;
  $("backtest").replaceChildren();
  showJointPanel(d);
}

// ---------------------------------------------------------------- downloads
// The judged scenario as the CLI would write it (`overture export`, `overture report`).
async function download(format, button) {
  button.disabled = true;
  status(`Preparing ${format}…`);
  try {
    const response = await fetch(`/api/export?format=${encodeURIComponent(format)}`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ doctrine: app.doctrine.id, scenario: app.scenario, semantics: app.semantics }),
    });
    if (!response.ok) {
      const err = await response.json().catch(() => ({ detail: response.statusText }));
      throw new Error(err.detail || response.statusText);
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    const url = URL.createObjectURL(await response.blob());
    const a = h("a", { href: url, download: name ? name[1] : `scenario.${format}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    status("");
  } catch (err) {
    status(`Download failed: ${err.message}`, true);
  } finally {
    button.disabled = false;
  }
}

async function start() {
  app.graph = new ArgumentGraph($("graph"), onSelect);
  const health = await api.get("/api/health");
  app.features = health.features;
  if (!app.features.doctrine || !app.features.verdict) {
    status("This server has no doctrine support; see the API at /docs.", true);
    return;
  }
  const list = await api.get("/api/doctrines");
  const sel = $("doctrine-select");
  sel.replaceChildren(...list.doctrines.map((d) => h("option", { value: d.id }, d.title)));
  const fromUrl = readUrl();
  const semSel = $("semantics-select");
  semSel.replaceChildren(...SEMANTICS.map(([v, t]) => h("option", { value: v, title: t }, v)));
  app.semantics = SEMANTICS.some(([v]) => v === fromUrl.sem) ? fromUrl.sem : "grounded";
  semSel.value = app.semantics;
  semSel.addEventListener("change", () => {
    app.semantics = semSel.value;
    writeUrl(app.doctrine.id, app.scenario, app.defaults, app.selected, app.semantics);
    scheduleEvaluate();
  });
  const name = fromUrl.doctrine && list.doctrines.some((d) => d.id === fromUrl.doctrine) ? fromUrl.doctrine : list.default;
  sel.value = name;
  sel.addEventListener("change", () => loadDoctrine(sel.value, {}).catch((e) => status(e.message, true)));
  $("scenario-form").addEventListener("input", (e) => {
    if (e.target.id === "f-example") return;
    if (e.target.id === "f-date-typed") {
      if (!e.target.value) return; // an incomplete typed date waits for the rest
      $("f-date").value = String(toDay(e.target.value));
    }
    if (e.target.id === "f-date" || e.target.id === "f-date-typed") {
      $("f-date-out").textContent = fromDay(Number($("f-date").value));
      $("f-date-typed").value = fromDay(Number($("f-date").value));
    }
    if (e.target.dataset && e.target.dataset.fact) e.target.dataset.touched = "1";
    app.scenario = readEditor();
    writeUrl(app.doctrine.id, app.scenario, app.defaults, app.selected, app.semantics);
    scheduleEvaluate();
  });
  $("f-example").addEventListener("change", (e) => {
    const [kind, key] = [e.target.value.slice(0, 1), e.target.value.slice(2)];
    const found = kind === "s" ? (app.doctrine.scenarios || []).find((s) => s.name === key)
      : kind === "t" ? app.doctrine.examples[Number(key)] : null;
    if (found) applyScenario(found.scenario);
    e.target.value = "";
  });
  $("cf-target").addEventListener("change", () => runAnalyses());
  $("backtest-run").addEventListener("click", () => runBacktest());
  $("joint-form").addEventListener("submit", runJoint);
  app.joints = await api.get("/api/joints").then((r) => r.joints).catch(() => []);
  $("show-premises").addEventListener("change", drawGraph);
  for (const r of document.querySelectorAll("input[name='graph-style']")) r.addEventListener("change", drawGraph);
  $("show-defeated").addEventListener("change", drawGraph);
  for (const button of document.querySelectorAll("[data-download]")) {
    button.addEventListener("click", () => download(button.dataset.download, button));
  }
  $("share").addEventListener("click", async () => {
    const url = window.location.href;
    try { await navigator.clipboard.writeText(url); status("Link copied."); } catch { status(url); }
  });
  if (app.features.af) setUpSolver();
  app.editor = new DoctrineEditor({
    current: () => app.doctrine.id,
    status,
    onSaved: async (id) => {
      const list = await api.get("/api/doctrines");
      $("doctrine-select").replaceChildren(...list.doctrines.map((d) => h("option", { value: d.id }, d.title)));
      $("doctrine-select").value = id;
      await loadDoctrine(id, {});
    },
  });
  $("doc-writes").textContent = app.features.writes ? "" : "writes are off on this server (start it with a write token)";
  if (app.features.corpus) {
    $("corpus-panel").hidden = false;
    $("corpus-form").addEventListener("submit", searchCorpus);
  }
  $("quote-close").addEventListener("click", closeQuote);
  $("quote-dialog").addEventListener("click", (e) => { if (e.target.id === "quote-dialog") closeQuote(); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeQuote(); trapFocus(e); });
  await loadDoctrine(name, fromUrl);
}

start().catch((err) => status(`Could not start: ${err.message}`, true));
