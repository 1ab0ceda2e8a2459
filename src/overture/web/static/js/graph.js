// The argument graph as the server draws it (`POST /api/graph`: one layout, in Python, the one
// `overture export --format svg` writes): shown at 100 %, panned by dragging or scrolling,
// zoomed with the buttons, + / - / 0 keys or ctrl+wheel; each argument a focusable button
// (Enter or a click selects it, arrows move between arguments); hovering an argument dims what
// is not next to it.

import { h } from "./dom.js";

export class ArgumentGraph {
  constructor(container, onSelect) {
    this.container = container;
    this.onSelect = onSelect;
    this.selected = null;
    this.scale = 1;
    this.svg = null;
    this.size = null;
    container.tabIndex = -1;
    this.viewport = h("div", { class: "graph-viewport" });
    const zoom = [["−", "Zoom out (-)", 1 / 1.25], ["100 %", "100 %: actual size (0)", 0],
      ["+", "Zoom in (+)", 1.25], ["fit", "fit to the panel", -1]];
    this.tools = h("div", { class: "graph-tools", role: "group", "aria-label": "Zoom" },
      ...zoom.map(([label, title, step]) => h("button", { type: "button", title, "aria-label": title,
        onclick: () => this.zoom(step) }, label)));
    container.replaceChildren(this.tools, this.viewport);
    this._pan();
    this.viewport.addEventListener("wheel", (e) => {
      if (!e.ctrlKey) return; // plain wheel scrolls (pans) as anywhere else
      e.preventDefault();
      this.zoom(e.deltaY < 0 ? 1.1 : 1 / 1.1);
    }, { passive: false });
    container.addEventListener("keydown", (e) => this._key(e));
  }

  // Show a served SVG (a string); keeps the selection when the argument is still drawn.
  show(svgText, selected) {
    const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    const w = parseFloat(svg.getAttribute("width"));
    const hgt = parseFloat(svg.getAttribute("height"));
    this.size = { w, h: hgt };
    // The drawing is a group of controls, not one opaque image: its argument nodes are buttons.
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", svg.querySelector("title")?.textContent || "argument graph");
    svg.removeAttribute("aria-labelledby");
    for (const g of svg.querySelectorAll("g.node")) {
      const label = [...g.querySelectorAll("text")].map((t) => t.textContent).join(" ");
      const isArgument = g.dataset.kind !== "statement";
      g.setAttribute("tabindex", isArgument ? "0" : "-1");
      g.setAttribute("role", isArgument ? "button" : "img");
      g.setAttribute("aria-label", `${isArgument ? "argument " : "statement "}${label}, ${g.dataset.status}`);
      if (isArgument) {
        g.addEventListener("click", () => { if (!this.dragged) this.select(g.dataset.id); });
        g.addEventListener("keydown", (e) => {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); this.select(g.dataset.id); }
        });
      }
      g.addEventListener("mouseenter", () => this._near(g.dataset.id));
      g.addEventListener("mouseleave", () => this._near(null));
      g.addEventListener("focus", () => this._near(g.dataset.id));
      g.addEventListener("blur", () => this._near(null));
    }
    this.svg = svg;
    this.viewport.replaceChildren(svg);
    this._apply();
    this.highlight(selected);
  }

  empty(message) {
    this.svg = null;
    this.viewport.replaceChildren(h("p", { class: "graph-empty" }, message));
  }

  // Select an argument (as a click would) and tell the page.
  select(id) {
    this.highlight(id);
    this.onSelect(id);
  }

  // Mark the selected argument without telling the page; scrolls it into view.
  highlight(id) {
    this.selected = id || null;
    if (!this.svg) return;
    let shown = null;
    for (const g of this.svg.querySelectorAll("g.node")) {
      const on = g.dataset.id === this.selected;
      g.classList.toggle("selected", on);
      if (on) shown = g;
    }
    if (shown && shown.scrollIntoView) shown.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  zoom(step) {
    if (!this.size) return;
    if (step === 0) this.scale = 1;
    else if (step === -1) {
      const box = this.viewport.getBoundingClientRect();
      this.scale = Math.min(1, (box.width - 8) / this.size.w, (box.height - 8) / this.size.h);
    } else this.scale = Math.min(3, Math.max(0.2, this.scale * step));
    this._apply();
  }

  _apply() {
    if (!this.svg || !this.size) return;
    this.svg.setAttribute("width", String(this.size.w * this.scale));
    this.svg.setAttribute("height", String(this.size.h * this.scale));
    const shown = `${Math.round(this.scale * 100)} %`;
    this.tools.children[1].textContent = shown;
    this.tools.children[1].setAttribute("aria-label", `${shown}: back to actual size (0)`);
  }

  // Drag the background to pan (the viewport scrolls).
  _pan() {
    const v = this.viewport;
    let start = null;
    v.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      start = { x: e.clientX, y: e.clientY, left: v.scrollLeft, top: v.scrollTop };
      this.dragged = false;
    });
    v.addEventListener("pointermove", (e) => {
      if (!start) return;
      const dx = e.clientX - start.x, dy = e.clientY - start.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) {
        this.dragged = true;
        v.classList.add("panning");
      }
      v.scrollLeft = start.left - dx;
      v.scrollTop = start.top - dy;
    });
    const end = () => {
      start = null;
      v.classList.remove("panning");
      setTimeout(() => { this.dragged = false; }, 0);
    };
    v.addEventListener("pointerup", end);
    v.addEventListener("pointerleave", end);
  }

  _key(e) {
    if (e.target.tagName === "BUTTON" && e.target.parentElement === this.tools) return;
    if (e.key === "+" || e.key === "=") { e.preventDefault(); this.zoom(1.25); return; }
    if (e.key === "-") { e.preventDefault(); this.zoom(1 / 1.25); return; }
    if (e.key === "0") { e.preventDefault(); this.zoom(0); return; }
    if (!this.svg || !["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"].includes(e.key)) return;
    const nodes = [...this.svg.querySelectorAll("g.node[role='button']")];
    if (!nodes.length) return;
    e.preventDefault();
    const at = nodes.indexOf(document.activeElement);
    const forward = e.key === "ArrowRight" || e.key === "ArrowDown";
    const next = at < 0 ? 0 : (at + (forward ? 1 : nodes.length - 1)) % nodes.length;
    nodes[next].focus();
  }

  // Dim what is not next to `id` (its attackers, targets, supports); null undims.
  _near(id) {
    if (!this.svg) return;
    const edges = [...this.svg.querySelectorAll("g.edge")];
    const near = new Set(id ? [id] : []);
    for (const e of edges) {
      if (e.dataset.source === id) near.add(e.dataset.target);
      if (e.dataset.target === id) near.add(e.dataset.source);
    }
    for (const g of this.svg.querySelectorAll("g.node")) g.classList.toggle("dim", Boolean(id) && !near.has(g.dataset.id));
    for (const e of [...edges, ...this.svg.querySelectorAll("g.edge-label")]) {
      e.classList.toggle("dim", Boolean(id) && e.dataset.source !== id && e.dataset.target !== id);
    }
  }
}
