// The doctrine editor: the doctrine's YAML in a text area, checked as you type (debounced) by
// `POST /api/doctrines/check`, its problems listed at their lines (a click puts the caret
// there), its tests' results beside them; Save uploads it with the write token
// (`POST /api/doctrines/upload?replace=true`), only when the check passes.

import { api, debounce, fresh, isAbort } from "./api.js";
import { $, h } from "./dom.js";

// Offset of (1-based) line and column in `text`.
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, (column || 1) - 1));
}

function caretPosition(area) {
  const before = area.value.slice(0, area.selectionStart);
  const line = before.split("\n").length;
  return { line, column: before.length - before.lastIndexOf("\n") };
}

export class DoctrineEditor {
  constructor({ current, onSaved, status }) {
    this.current = current; // () => id of the doctrine the page shows
    this.onSaved = onSaved;
    this.status = status;
    this.lastCheck = null;
    this.area = $("doc-text");
    this.check = debounce(() => this.runCheck(), 600);
    this.area.addEventListener("input", () => { this.lastCheck = null; this.setSaveable(false); $("doc-state").textContent = "checking…"; this.check(); });
    for (const ev of ["keyup", "click", "select"]) this.area.addEventListener(ev, () => this.showCaret());
    $("doc-load").addEventListener("click", () => this.loadCurrent());
    $("doc-file").addEventListener("change", (e) => this.loadFile(e.target.files[0]));
    $("doc-save").addEventListener("click", () => this.save());
    $("doc-token").addEventListener("input", () => this.refreshSave());
  }

  async loadCurrent() {
    const id = this.current();
    this.setText(await api.getText(`/api/doctrines/${encodeURIComponent(id)}/source`));
  }

  async loadFile(file) {
    if (!file) return;
    this.setText(await file.text());
  }

  setText(text) {
    this.area.value = text;
    this.area.focus();
    this.area.setSelectionRange(0, 0);
    this.showCaret();
    return this.runCheck();
  }

  showCaret() {
    const { line, column } = caretPosition(this.area);
    $("doc-caret").textContent = `line ${line}, column ${column}`;
  }

  goTo(line, column) {
    const at = offsetOf(this.area.value, line || 1, column || 1);
    this.area.focus();
    this.area.setSelectionRange(at, at);
    // scroll the line into view: the text area's line height times the line number
    const lh = parseFloat(getComputedStyle(this.area).lineHeight) || 18;
    this.area.scrollTop = Math.max(0, (line - 4) * lh);
    this.showCaret();
  }

  setSaveable(ok) {
    $("doc-save").disabled = !ok;
  }

  async runCheck() {
    const text = this.area.value;
    if (!text.trim()) {
      $("doc-state").textContent = "empty";
      $("doc-problems").replaceChildren();
      $("doc-tests").replaceChildren();
      this.setSaveable(false);
      return;
    }
    try {
      const r = await api.postText("/api/doctrines/check", text, fresh("doc-check"));
      this.lastCheck = r;
      this.show(r);
    } catch (err) {
      if (isAbort(err)) return;
      $("doc-state").textContent = `could not check: ${err.message}`;
      this.setSaveable(false);
    }
  }

  show(r) {
    const failing = r.tests.filter((t) => !t.ok);
    $("doc-state").textContent = r.problems.length
      ? `${r.problems.length} problem${r.problems.length > 1 ? "s" : ""}`
      : `${r.id}: ${r.tests.length - failing.length} of ${r.tests.length} tests pass`;
    $("doc-state").dataset.ok = String(r.ok);
    $("doc-problems").replaceChildren(...r.problems.map((p) => h("li", {},
      h("button", { type: "button", class: "linkish problem", "data-line": String(p.line || ""),
        onclick: () => this.goTo(p.line, p.column) },
      p.line ? `line ${p.line}${p.column ? `, column ${p.column}` : ""}: ` : "", p.message))));
    $("doc-tests").replaceChildren(...(r.tests.length ? [h("table", { class: "matrix" },
      h("thead", {}, h("tr", {}, h("th", {}, "test"), h("th", {}, "expected"), h("th", {}, "got"), h("th", {}, ""))),
      h("tbody", {}, ...[...failing, ...r.tests.filter((t) => t.ok)].map((t) => h("tr", { "data-ok": String(t.ok) },
        h("td", {}, t.id), h("td", {}, t.expected), h("td", {}, t.actual),
        h("td", {}, t.ok ? "ok" : `fails: ${t.summary}`)))))] : []));
    this.refreshSave();
  }

  // Save is offered only for a text that passed its check, with a token to send.
  refreshSave() {
    this.setSaveable(Boolean(this.lastCheck && this.lastCheck.ok) && Boolean($("doc-token").value));
  }

  async save() {
    if (!this.lastCheck || !this.lastCheck.ok) return;
    this.setSaveable(false);
    try {
      const r = await api.postText("/api/doctrines/upload?replace=true", this.area.value, undefined,
        { Authorization: `Bearer ${$("doc-token").value}` });
      $("doc-state").textContent = `saved as ${r.id}`;
      await this.onSaved(r.id);
    } catch (err) {
      $("doc-state").textContent = `not saved: ${err.message}`;
      this.setSaveable(true);
    }
  }
}
