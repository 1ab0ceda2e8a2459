// An offline API reference drawn from /openapi.json: endpoints by tag with their parameters,
// request bodies, responses and the schemas they use (a lighter page than Swagger UI at /docs).

import { $, h } from "./dom.js";

const refName = (ref) => ref.split("/").pop();

function typeOf(schema) {
  if (!schema) return "any";
  if (schema.$ref) return h("a", { href: `#schema-${refName(schema.$ref)}` }, refName(schema.$ref));
  if (schema.anyOf) return schema.anyOf.map((s, i) => [i ? " | " : "", typeOf(s)]);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array") return ["list of ", typeOf(schema.items)];
  if (schema.type === "object" && schema.additionalProperties) return ["map to ", typeOf(schema.additionalProperties)];
  return schema.format ? `${schema.type} (${schema.format})` : schema.type || "object";
}

function bodySchema(content) {
  if (!content) return null;
  const [mime, spec] = Object.entries(content)[0];
  return h("p", {}, h("code", {}, mime), " — ", typeOf(spec.schema));
}

function operation(path, method, op) {
  const params = op.parameters || [];
  return h("section", { class: "panel op", id: op.operationId || `${method}-${path}` },
    h("h3", {}, h("span", { class: `method ${method}` }, method.toUpperCase()), " ", h("code", {}, path), " — ", op.summary || ""),
    op.description ? h("p", {}, op.description) : null,
    op.security ? h("p", { class: "muted" }, "Needs the bearer token (Authorization: Bearer …).") : null,
    params.length ? h("table", { class: "matrix" },
      h("thead", {}, h("tr", {}, h("th", {}, "parameter"), h("th", {}, "in"), h("th", {}, "type"), h("th", {}, "required"), h("th", {}, "description"))),
      h("tbody", {}, params.map((p) => h("tr", {}, h("td", {}, h("code", {}, p.name)), h("td", {}, p.in), h("td", {}, typeOf(p.schema)),
        h("td", {}, p.required ? "yes" : "no"), h("td", { class: "ev" }, p.description || (p.schema && p.schema.description) || ""))))) : null,
    op.requestBody ? h("div", {}, h("h4", {}, "Request body"), op.requestBody.description ? h("p", {}, op.requestBody.description) : null, bodySchema(op.requestBody.content)) : null,
    h("h4", {}, "Responses"),
    h("ul", {}, Object.entries(op.responses).map(([code, r]) => h("li", {}, h("b", {}, code), " ", r.description || "", r.content ? [" — ", bodySchema(r.content)] : null))));
}

function schemaBlock(name, schema) {
  const props = schema.properties || {};
  const required = new Set(schema.required || []);
  return h("section", { class: "panel", id: `schema-${name}` },
    h("h3", {}, name), schema.description ? h("p", {}, schema.description) : null,
    Object.keys(props).length ? h("table", { class: "matrix" },
      h("thead", {}, h("tr", {}, h("th", {}, "field"), h("th", {}, "type"), h("th", {}, "required"), h("th", {}, "description"))),
      h("tbody", {}, Object.entries(props).map(([k, p]) => h("tr", {}, h("td", {}, h("code", {}, k)), h("td", {}, typeOf(p)),
        h("td", {}, required.has(k) ? "yes" : "no"), h("td", { class: "ev" }, p.description || ""))))) : h("p", { class: "muted" }, typeOf(schema)));
}

async function main() {
  const root = $("reference");
  const spec = await (await fetch("/openapi.json")).json();
  const byTag = new Map((spec.tags || []).map((t) => [t.name, { info: t, ops: [] }]));
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags || ["other"])[0];
      if (!byTag.has(tag)) byTag.set(tag, { info: { name: tag }, ops: [] });
      byTag.get(tag).ops.push([path, method, op]);
    }
  }
  const intro = h("section", { class: "panel" }, h("h2", {}, `${spec.info.title} ${spec.info.version}`),
    h("pre", { class: "description" }, spec.info.description || ""));
  const groups = [...byTag.values()].filter((g) => g.ops.length).map((g) => h("div", { class: "tag" },
    h("h2", { id: `tag-${g.info.name}` }, g.info.name), g.info.description ? h("p", { class: "muted" }, g.info.description) : null,
    g.ops.map(([p, m, op]) => operation(p, m, op))));
  const schemas = Object.entries((spec.components && spec.components.schemas) || {}).sort(([a], [b]) => a.localeCompare(b));
  root.replaceChildren(intro, ...groups, h("h2", {}, "Schemas"), ...schemas.map(([n, s]) => schemaBlock(n, s)));
}

main().catch((err) => { $("reference").textContent = `Could not load the schema: ${err.message}`; });
