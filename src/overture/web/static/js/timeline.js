// The timeline chart: verdict bands over time, a marker at each statement that moved the
// verdict, and a line at the scenario's own date. Clicking a step moves the scenario there.

const SVG = "http://www.w3.org/2000/svg";
const el = (name, attrs = {}, parent = null) => {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
};
const day = (iso) => Date.parse(iso + "T00:00:00Z") / 86400000;

export function drawTimeline(container, timeline, currentDate, onPick) {
  container.replaceChildren();
  const points = timeline.points || [];
  if (!points.length) {
    container.textContent = "No statement changes the verdict in this period.";
    return;
  }
  const width = Math.max(600, container.getBoundingClientRect().width || 900);
  const height = 190;
  const pad = { l: 20, r: 20, t: 26, b: 34 };
  const start = day(timeline.from || points[0].date);
  const end = day(timeline.to || points[points.length - 1].date) + 1;
  const x = (d) => pad.l + ((d - start) / Math.max(1, end - start)) * (width - pad.l - pad.r);
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "verdict timeline" }, container);
  const bandY = pad.t + 34;
  let lastLabel = -Infinity;
  const bandH = 44;
  points.forEach((p, i) => {
    const from = Math.max(start, day(p.date));
    const to = i + 1 < points.length ? day(points[i + 1].date) : end;
    const band = el("rect", { class: "tl-band", "data-verdict": p.verdict, x: x(from), y: bandY, width: Math.max(1, x(to) - x(from)), height: bandH }, svg);
    const t = el("title", {}, band);
    t.textContent = `${p.date}: ${p.verdict}${p.entered.length ? " — " + p.entered.join(", ") : ""}`;
    // Label each run of one verdict once, at its start.
    let runEnd = i + 1;
    while (runEnd < points.length && points[runEnd].verdict === p.verdict) runEnd += 1;
    const runTo = runEnd < points.length ? day(points[runEnd].date) : end;
    const startsRun = i === 0 || points[i - 1].verdict !== p.verdict;
    if (startsRun && x(runTo) - x(from) > 60) {
      const lbl = el("text", { class: "tl-step", x: x(from) + 5, y: bandY + bandH / 2 + 4 }, svg);
      lbl.textContent = p.verdict;
    }
    if (!p.entered.length) return;
    const dot = el("circle", { class: "tl-point", cx: x(from), cy: bandY - 8, r: p.moved ? 7 : 4, fill: p.moved ? "var(--accent)" : "var(--muted)", "data-date": p.date }, svg);
    const dt = el("title", {}, dot);
    dt.textContent = `${p.date}: ${p.entered.join(", ")}${p.moved ? " (verdict moved)" : ""}`;
    dot.addEventListener("click", () => onPick(p.date));
    if (p.moved && x(from) - lastLabel > 110) {
      const lab = el("text", { class: "tl-label", x: x(from), y: bandY - 18, "text-anchor": "middle" }, svg);
      lab.textContent = p.entered[0] + (p.entered.length > 1 ? ` +${p.entered.length - 1}` : "");
      lastLabel = x(from);
    }
  });
  el("line", { class: "tl-axis", x1: pad.l, x2: width - pad.r, y1: height - pad.b, y2: height - pad.b }, svg);
  const y0 = new Date(start * 86400000).getUTCFullYear();
  const y1 = new Date(end * 86400000).getUTCFullYear();
  for (let y = y0; y <= y1; y += 1) {
    const d = day(`${y}-01-01`);
    if (d < start || d > end) continue;
    el("line", { class: "tl-axis", x1: x(d), x2: x(d), y1: height - pad.b, y2: height - pad.b + 5 }, svg);
    const t = el("text", { class: "tl-label", x: x(d), y: height - pad.b + 18, "text-anchor": "middle" }, svg);
    t.textContent = String(y);
  }
  if (currentDate) {
    const d = day(currentDate);
    el("line", { class: "tl-now", x1: x(d), x2: x(d), y1: pad.t, y2: height - pad.b }, svg);
    const t = el("text", { class: "tl-label", x: x(d) + 4, y: pad.t + 8 }, svg);
    t.textContent = currentDate;
  }
}
