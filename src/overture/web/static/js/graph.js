// The argument graph: a small layered layout (Sugiyama-style) drawn as interactive SVG.
//
// Layout steps, after Sugiyama, Tagawa & Toda (1981), "Methods for visual understanding of
// hierarchical system structures": (1) break cycles by reversing DFS back edges, (2) put each
// argument on the layer of its longest path from an unattacked argument, (3) order each layer
// by the barycentre of its neighbours in the layer above/below, sweeping down and up, (4) place
// the layers top to bottom. The view pans (drag the background), zooms (wheel) and nodes can be
// dragged. Clicking a node calls `onSelect(id)`. Structured arguments (with sub-arguments) are
// layered by support instead (see `supportLayers`).

const SVG = "http://www.w3.org/2000/svg";
const NODE_W = 168;
const NODE_H = 48;
const GAP_X = 34;
const GAP_Y = 78;

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

// (1) + (2): layer index per node id, longest path over the acyclic part of the attack graph.
export function assignLayers(ids, edges) {
  const out = new Map(ids.map((id) => [id, []]));
  for (const e of edges) if (e.source !== e.target && out.has(e.source) && out.has(e.target)) out.get(e.source).push(e.target);
  const state = new Map(); // 1 = on stack, 2 = done
  const acyclic = new Map(ids.map((id) => [id, []]));
  const visit = (root) => {
    const stack = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [node, i] = top;
      const next = out.get(node);
      if (i < next.length) {
        top[1] += 1;
        const t = next[i];
        const s = state.get(t);
        if (s === 1) continue; // back edge: dropped for layering
        acyclic.get(node).push(t);
        if (s === undefined) { state.set(t, 1); stack.push([t, 0]); }
      } else {
        state.set(node, 2);
        stack.pop();
      }
    }
  };
  const indeg = new Map(ids.map((id) => [id, 0]));
  for (const e of edges) if (e.source !== e.target && indeg.has(e.target)) indeg.set(e.target, indeg.get(e.target) + 1);
  for (const id of ids) if (indeg.get(id) === 0 && !state.has(id)) visit(id);
  for (const id of ids) if (!state.has(id)) visit(id);
  // Longest path by Kahn's order over the acyclic edges.
  const inA = new Map(ids.map((id) => [id, 0]));
  for (const [, ts] of acyclic) for (const t of ts) inA.set(t, inA.get(t) + 1);
  const layer = new Map(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => inA.get(id) === 0);
  while (queue.length) {
    const node = queue.shift();
    for (const t of acyclic.get(node)) {
      layer.set(t, Math.max(layer.get(t), layer.get(node) + 1));
      inA.set(t, inA.get(t) - 1);
      if (inA.get(t) === 0) queue.push(t);
    }
  }
  return layer;
}

// (3): order nodes within layers by barycentre sweeps; returns array of layers (arrays of ids).
export function orderLayers(ids, edges, layer) {
  const depth = Math.max(0, ...layer.values()) + 1;
  const layers = Array.from({ length: depth }, () => []);
  for (const id of ids) layers[layer.get(id)].push(id);
  const nbrs = new Map(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (e.source === e.target || !nbrs.has(e.source) || !nbrs.has(e.target)) continue;
    nbrs.get(e.source).push(e.target);
    nbrs.get(e.target).push(e.source);
  }
  const pos = new Map();
  const index = () => layers.forEach((l) => l.forEach((id, i) => pos.set(id, i)));
  index();
  const sweep = (from, to, step) => {
    for (let d = from; d !== to; d += step) {
      const ref = d - step;
      const bary = new Map();
      layers[d].forEach((id, i) => {
        const ns = nbrs.get(id).filter((n) => layer.get(n) === ref);
        bary.set(id, ns.length ? ns.reduce((s, n) => s + pos.get(n), 0) / ns.length : i);
      });
      layers[d].sort((a, b) => bary.get(a) - bary.get(b));
      layers[d].forEach((id, i) => pos.set(id, i));
    }
  };
  for (let k = 0; k < 4; k += 1) {
    sweep(1, depth, 1);
    sweep(depth - 2, -1, -1);
  }
  return layers;
}

// Layers by support instead of attack: premises on top, an argument one layer below its
// deepest sub-argument. Within a layer arguments are grouped by the atom they conclude, the
// positive conclusion before its negation, so the two camps of a dispute face each other.
export function supportLayers(args) {
  const byId = new Map(args.map((a) => [a.id, a]));
  const memo = new Map();
  const depth = (id, seen = new Set()) => {
    if (memo.has(id)) return memo.get(id);
    if (seen.has(id)) return 0;
    seen.add(id);
    const subs = (byId.get(id).sub_arguments || []).filter((s) => byId.has(s) && s !== id);
    const d = subs.length ? 1 + Math.max(...subs.map((s) => depth(s, seen))) : 0;
    memo.set(id, d);
    return d;
  };
  const layer = new Map(args.map((a) => [a.id, depth(a.id)]));
  // Close the gaps left by hidden premises.
  const used = [...new Set(layer.values())].sort((x, y) => x - y);
  const rank = new Map(used.map((v, i) => [v, i]));
  for (const [id, v] of layer) layer.set(id, rank.get(v));
  const layers = Array.from({ length: used.length }, () => []);
  for (const a of args) layers[layer.get(a.id)].push(a.id);
  const key = (id) => {
    const c = String(byId.get(id).conclusion);
    return [c.replace(/^~/, ""), c.startsWith("~") ? 1 : 0, id];
  };
  for (const row of layers) {
    row.sort((x, y) => {
      const [a1, b1, c1] = key(x);
      const [a2, b2, c2] = key(y);
      return a1 < a2 ? -1 : a1 > a2 ? 1 : b1 - b2 || (c1 < c2 ? -1 : c1 > c2 ? 1 : 0);
    });
  }
  return layers;
}

// Coordinates of node centres: layers top to bottom; a layer wider than the panel allows is
// wrapped onto several rows so the drawing keeps roughly the panel's aspect ratio.
export function place(layers, aspect) {
  const n = layers.reduce((s, l) => s + l.length, 0);
  const UX = NODE_W + GAP_X;
  const UY = NODE_H + GAP_Y;
  const perRow = Math.max(3, Math.ceil(Math.sqrt(n * aspect * (UY / UX)) * 1.15));
  const rows = [];
  for (const layer of layers) for (let i = 0; i < layer.length; i += perRow) rows.push(layer.slice(i, i + perRow));
  const widest = Math.max(1, ...rows.map((r) => r.length));
  const width = widest * UX;
  // Spread the rows to fill the panel's height (up to twice the normal gap): the attack
  // edges between rows are then easier to tell apart.
  const rowGap = Math.min(2 * UY, Math.max(UY, width / aspect / Math.max(1, rows.length)));
  const coords = new Map();
  rows.forEach((row, d) => {
    const x0 = (width - row.length * UX) / 2 + UX / 2;
    row.forEach((id, i) => coords.set(id, { x: x0 + i * UX, y: NODE_H / 2 + 20 + d * rowGap }));
  });
  return { coords, width, height: (rows.length - 1) * rowGap + NODE_H + 40 };
}

export function layout(args, edges, aspect = 1.5) {
  const ids = args.map((a) => a.id);
  const structured = args.some((a) => (a.sub_arguments || []).length);
  const layers = structured ? supportLayers(args) : orderLayers(ids, edges, assignLayers(ids, edges));
  return place(layers, aspect);
}

// Point where the segment from the centre of a node towards (tx, ty) leaves its rectangle.
function border(c, tx, ty) {
  const dx = tx - c.x;
  const dy = ty - c.y;
  if (dx === 0 && dy === 0) return { x: c.x, y: c.y };
  const sx = (NODE_W / 2) / Math.abs(dx || 1e-9);
  const sy = (NODE_H / 2) / Math.abs(dy || 1e-9);
  const s = Math.min(sx, sy);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

function wrap(text, width) {
  const words = String(text).split(/[\s_]+/);
  const lines = [""];
  for (const w of words) {
    const cur = lines[lines.length - 1];
    if ((cur + " " + w).trim().length > width && cur) lines.push(w);
    else lines[lines.length - 1] = (cur + " " + w).trim();
  }
  if (lines.length > 2) { lines.length = 2; lines[1] = lines[1].slice(0, width - 1) + "…"; }
  return lines.map((l) => (l.length > width ? l.slice(0, width - 1) + "…" : l));
}

export class ArgumentGraph {
  constructor(container, onSelect) {
    this.container = container;
    this.onSelect = onSelect;
    this.selected = null;
    this.positions = new Map();
    this.view = null;
  }

  render(argumentsList, attacks, selected) {
    this.selected = selected || null;
    this.container.replaceChildren();
    if (!argumentsList.length) {
      const p = document.createElement("p");
      p.className = "graph-empty";
      p.textContent = "No arguments: no rule of the doctrine applies to this scenario.";
      this.container.appendChild(p);
      return;
    }
    const ids = argumentsList.map((a) => a.id);
    const edges = attacks.map((a) => ({ source: a.attacker, target: a.target, kind: a.kind, succeeds: a.succeeds }));
    const box = this.container.getBoundingClientRect();
    const aspect = box.width > 0 && box.height > 0 ? box.width / box.height : 1.5;
    const { coords, width, height } = layout(argumentsList, edges, aspect);
    // Keep positions the user dragged to, when the same argument is still there.
    for (const [id, p] of this.positions) if (coords.has(id) && p.pinned) coords.set(id, p);
    this.positions = coords;

    const svg = el("svg", { role: "img", "aria-label": "argument graph" });
    const defs = el("defs", {}, svg);
    for (const kind of ["rebut", "undercut", "undermine"]) {
      const m = el("marker", { id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: `var(--${kind})` }, m);
    }
    const viewport = el("g", { class: "viewport" }, svg);
    const edgeLayer = el("g", { class: "edges" }, viewport);
    const nodeLayer = el("g", { class: "nodes" }, viewport);
    const pairs = new Set(edges.map((e) => `${e.source}→${e.target}`));

    const edgeEls = [];
    const drawEdge = (e, g) => {
      const a = coords.get(e.source);
      const b = coords.get(e.target);
      let d;
      if (e.source === e.target) {
        const x = a.x + NODE_W / 2;
        const y = a.y;
        d = `M${x},${y - 10} C${x + 40},${y - 40} ${x + 40},${y + 40} ${x},${y + 10}`;
      } else {
        const mutual = pairs.has(`${e.target}→${e.source}`);
        const sameLayer = Math.abs(a.y - b.y) < 1;
        const mx = (a.x + b.x) / 2;
        const my = (a.y + b.y) / 2;
        const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
        let bend = mutual ? 26 : 0;
        if (sameLayer && !mutual) bend = 30;
        const cx = mx + (-(b.y - a.y) / len) * bend;
        const cy = my + ((b.x - a.x) / len) * bend - (sameLayer ? 10 : 0);
        const p = border(a, cx, cy);
        const q = border(b, cx, cy);
        d = `M${p.x},${p.y} Q${cx},${cy} ${q.x},${q.y}`;
      }
      let path = g.querySelector("path");
      if (!path) path = el("path", { "marker-end": `url(#arrow-${e.kind})` }, g);
      path.setAttribute("d", d);
    };
    for (const e of edges) {
      if (!coords.has(e.source) || !coords.has(e.target)) continue;
      const g = el("g", { class: "edge", "data-kind": e.kind, "data-succeeds": String(Boolean(e.succeeds)), "data-source": e.source, "data-target": e.target }, edgeLayer);
      const title = el("title", {}, g);
      title.textContent = `${e.source} ${e.kind}s ${e.target}${e.succeeds ? "" : " (fails)"}`;
      drawEdge(e, g);
      edgeEls.push([e, g]);
    }

    const nodeEls = new Map();
    for (const arg of argumentsList) {
      const c = coords.get(arg.id);
      const g = el("g", { class: "node", tabindex: "0", role: "button", "data-id": arg.id, "data-status": arg.status, transform: `translate(${c.x - NODE_W / 2},${c.y - NODE_H / 2})` }, nodeLayer);
      if (arg.id === this.selected) g.classList.add("selected");
      el("rect", { width: NODE_W, height: NODE_H, rx: 8 }, g);
      const lines = wrap(String(arg.conclusion).replace(/^~/, "¬ ").replaceAll(".", " "), 24);
      lines.forEach((line, i) => {
        const t = el("text", { x: 8, y: 17 + i * 14 }, g);
        t.textContent = line;
      });
      const nid = el("text", { class: "nid", x: NODE_W - 6, y: NODE_H - 5, "text-anchor": "end" }, g);
      nid.textContent = arg.rule_id || arg.id;
      const title = el("title", {}, g);
      title.textContent = `${arg.id}: ${arg.conclusion} [${arg.status}]${arg.gloss ? "\n" + arg.gloss : ""}`;
      nodeEls.set(arg.id, g);
    }
    this.container.appendChild(svg);
    this._interact(svg, viewport, coords, nodeEls, edgeEls, drawEdge, width, height);
  }

  _interact(svg, viewport, coords, nodeEls, edgeEls, drawEdge, width, height) {
    const box = this.container.getBoundingClientRect();
    const cw = box.width || 800;
    const ch = box.height || 520;
    const scale0 = Math.min(1.2, cw / (width + 40), ch / (height + 20));
    let view = { k: scale0, x: (cw - width * scale0) / 2, y: 10 };
    const apply = () => viewport.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
    apply();
    const local = (ev) => {
      const r = svg.getBoundingClientRect();
      return { x: (ev.clientX - r.left - view.x) / view.k, y: (ev.clientY - r.top - view.y) / view.k };
    };
    let drag = null;
    svg.addEventListener("pointerdown", (ev) => {
      const node = ev.target.closest(".node");
      if (node) {
        const id = node.dataset.id;
        const p = local(ev);
        const c = coords.get(id);
        drag = { id, node, dx: p.x - c.x, dy: p.y - c.y, moved: false };
      } else {
        drag = { pan: true, sx: ev.clientX - view.x, sy: ev.clientY - view.y };
        svg.classList.add("panning");
      }
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      if (drag.pan) {
        view = { ...view, x: ev.clientX - drag.sx, y: ev.clientY - drag.sy };
        apply();
        return;
      }
      const p = local(ev);
      const c = { x: p.x - drag.dx, y: p.y - drag.dy, pinned: true };
      const old = coords.get(drag.id);
      if (Math.hypot(c.x - old.x, c.y - old.y) < 3 && !drag.moved) return;
      drag.moved = true;
      coords.set(drag.id, c);
      drag.node.setAttribute("transform", `translate(${c.x - NODE_W / 2},${c.y - NODE_H / 2})`);
      for (const [e, g] of edgeEls) if (e.source === drag.id || e.target === drag.id) drawEdge(e, g);
    });
    const end = (ev) => {
      if (drag && !drag.pan && !drag.moved) this.select(drag.id);
      drag = null;
      svg.classList.remove("panning");
      if (svg.hasPointerCapture(ev.pointerId)) svg.releasePointerCapture(ev.pointerId);
    };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = svg.getBoundingClientRect();
      const mx = ev.clientX - r.left;
      const my = ev.clientY - r.top;
      const k = Math.min(3, Math.max(0.2, view.k * (ev.deltaY < 0 ? 1.1 : 1 / 1.1)));
      view = { k, x: mx - ((mx - view.x) * k) / view.k, y: my - ((my - view.y) * k) / view.k };
      apply();
    }, { passive: false });
    svg.addEventListener("keydown", (ev) => {
      const node = ev.target.closest && ev.target.closest(".node");
      if (node && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); this.select(node.dataset.id); }
    });
    // Hover: highlight the argument's attackers and targets.
    svg.addEventListener("pointerover", (ev) => {
      const node = ev.target.closest(".node");
      if (!node || drag) return;
      const id = node.dataset.id;
      const near = new Set([id]);
      for (const [e] of edgeEls) { if (e.source === id) near.add(e.target); if (e.target === id) near.add(e.source); }
      for (const [nid, g] of nodeEls) g.classList.toggle("dim", !near.has(nid));
      for (const [e, g] of edgeEls) g.classList.toggle("dim", e.source !== id && e.target !== id);
    });
    svg.addEventListener("pointerout", (ev) => {
      if (ev.relatedTarget && ev.relatedTarget.closest && ev.relatedTarget.closest(".node")) return;
      for (const [, g] of nodeEls) g.classList.remove("dim");
      for (const [, g] of edgeEls) g.classList.remove("dim");
    });
    this.nodeEls = nodeEls;
  }

  select(id) {
    this.selected = id;
    if (this.nodeEls) for (const [nid, g] of this.nodeEls) g.classList.toggle("selected", nid === id);
    this.onSelect(id);
  }
}
