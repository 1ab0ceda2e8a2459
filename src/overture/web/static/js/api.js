// Thin fetch wrapper for the Overture HTTP API: JSON in, JSON out, errors as Error(detail).

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.detail ? body.detail : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function request(method, path, body, signal, extra = {}) {
  const init = { method, headers: { Accept: "application/json", ...(extra.headers || {}) }, signal };
  if (extra.text !== undefined) {
    init.headers["Content-Type"] = extra.type || "application/yaml";
    init.body = extra.text;
  } else if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  let data = null;
  try { data = await response.json(); } catch { data = null; }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const api = {
  get: (path, signal) => request("GET", path, undefined, signal),
  post: (path, body, signal) => request("POST", path, body, signal),
  // A text body (YAML by default), with extra headers (e.g. the write token).
  postText: (path, text, signal, headers = {}) => request("POST", path, undefined, signal, { text, headers }),
  getText: async (path, signal) => {
    const response = await fetch(path, { signal });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
    return response.text();
  },
};

// Run `fn` at most once per `ms` of quiet; each call replaces the pending one.
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Latest-wins requests: starting a new one aborts the previous one under the same key.
const controllers = new Map();
export function fresh(key) {
  const previous = controllers.get(key);
  if (previous) previous.abort();
  const controller = new AbortController();
  controllers.set(key, controller);
  return controller.signal;
}
export const isAbort = (err) => err && err.name === "AbortError";
