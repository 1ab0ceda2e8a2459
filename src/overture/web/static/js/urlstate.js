// The scenario lives in the page URL's query string, so a view can be shared and reloaded.
// Facts are written only where the scenario sets them (the rest follow the doctrine's world):
// `facts=a:1,b:0`; dimensions as `d.NAME=VALUE`.

export function readUrl() {
  const q = new URLSearchParams(window.location.search);
  const out = {};
  for (const key of ["doctrine", "counterparty", "mode", "date", "view", "initiated_by", "action", "arg", "sem"]) {
    if (q.has(key)) out[key] = q.get(key);
  }
  for (const [key, value] of q.entries()) {
    if (key.startsWith("d.")) (out.dimensions ||= {})[key.slice(2)] = value;
  }
  if (q.has("topics")) out.topics = q.get("topics").split(",").filter(Boolean);
  if (q.has("facts")) {
    out.facts = {};
    for (const item of q.get("facts").split(",").filter(Boolean)) {
      const [name, value] = item.split(":");
      out.facts[name] = value === "1" || value === "true";
    }
  }
  return out;
}

export function writeUrl(doctrine, scenario, defaults, selected, semantics = "grounded") {
  const q = new URLSearchParams();
  q.set("doctrine", doctrine);
  q.set("counterparty", scenario.counterparty);
  q.set("topics", scenario.topics.join(","));
  q.set("mode", scenario.mode);
  q.set("date", scenario.date);
  q.set("view", scenario.view);
  if (scenario.initiated_by) q.set("initiated_by", scenario.initiated_by);
  if (scenario.action) q.set("action", scenario.action);
  for (const [name, value] of Object.entries(scenario.dimensions || {})) q.set(`d.${name}`, value);
  void defaults;
  const facts = Object.entries(scenario.facts)
    .map(([name, value]) => `${name}:${value ? 1 : 0}`);
  if (facts.length) q.set("facts", facts.join(","));
  if (selected) q.set("arg", selected);
  if (semantics && semantics !== "grounded") q.set("sem", semantics);
  const url = `${window.location.pathname}?${q.toString()}`;
  window.history.replaceState(null, "", url);
  return url;
}
