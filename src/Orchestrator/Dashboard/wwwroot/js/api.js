// The orchestrator's HTTP API. Changes carry the API key the reader saved, when there is one.

const keyName = 'sagas.apiKey';

export const apiKey = {
  get: () => localStorage.getItem(keyName) ?? '',
  set: value => (value ? localStorage.setItem(keyName, value) : localStorage.removeItem(keyName)),
};

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title || `HTTP ${status}`;
    this.detail = detail || '';
  }
}

async function read(response, what) {
  const text = await response.text();
  const body = text ? tryJson(text) : null;
  if (!response.ok) {
    const detail = body?.detail || (typeof body === 'string' && body) || `${what} answered ${response.status}`;
    throw new ApiError(response.status, body?.title, detail);
  }
  return body;
}

function tryJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function get(path, signal) {
  return read(await fetch(path, { headers: { accept: 'application/json' }, signal }), `GET ${path}`);
}

export async function post(path, body) {
  const headers = { accept: 'application/json', 'content-type': 'application/json' };
  const key = apiKey.get();
  if (key) headers['X-Api-Key'] = key;
  return read(await fetch(path, { method: 'POST', headers, body: JSON.stringify(body ?? {}) }), `POST ${path}`);
}

/** A query string from the values that are set, in order. */
export function query(values) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

let workflowList = null;

/** The workflow types (names, states, signals, thresholds); their definitions change only with a deployment. */
export function workflowTypes() {
  workflowList ??= get('/api/workflows').catch(error => {
    workflowList = null;
    throw error;
  });
  return workflowList;
}
