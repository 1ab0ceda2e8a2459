// The two DOM helpers every script of the page uses: `$` by id, `h` to build an element.

export const $ = (id) => document.getElementById(id);

// h("a", { href, class, onclick }, ...children): attributes null, undefined or false are left
// out (true sets an empty one); `on…` attributes add listeners; null, undefined and false
// children are skipped.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}
