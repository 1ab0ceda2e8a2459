// Parse an Argdown file with @argdown/core; print errors and a model summary as JSON.
const fs = require("fs");
const { ArgdownApplication, ParserPlugin, DataPlugin, ModelPlugin } = require("@argdown/core");
const app = new ArgdownApplication();
app.addPlugin(new ParserPlugin(), "parse-input");
app.addPlugin(new DataPlugin(), "build-model");
app.addPlugin(new ModelPlugin(), "build-model");
const input = fs.readFileSync(process.argv[2], "utf8");
const r = app.run({ input, process: ["parse-input", "build-model"], logLevel: "error" });
const rel = (r.relations || []).map(x => `${x.from.title} ${x.relationType} ${x.to.title}`);
const args = r.arguments || {};
console.log(JSON.stringify({
  lexerErrors: (r.lexerErrors || []).map(e => e.message),
  parserErrors: (r.parserErrors || []).map(e => e.message + " @" + (e.token && e.token.startLine)),
  statements: Object.keys(r.statements || {}).length,
  arguments: Object.keys(args).length,
  pcs: Object.values(args).filter(a => a.pcs && a.pcs.length).length,
  relations: rel.length,
  relationTypes: [...new Set((r.relations||[]).map(x=>x.relationType))],
  sampleRelations: rel.slice(0, 5),
  data: Object.values(args).slice(0,1).map(a => a.data),
  frontMatter: r.frontMatter,
}, null, 1));
