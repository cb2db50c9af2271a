// The hub's REST API. State-changing requests echo the CSRF token the hub gave at sign-in.
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export function setCsrf(token) {
  csrfToken = token;
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, e.message || 'network error');
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (res.status === 401 && path !== '/api/session') {
    window.dispatchEvent(new CustomEvent('kuzet:signed-out'));
  }
  if (!res.ok && !(res.status === 504 && json && json.status === 'timeout')) {
    throw new ApiError(res.status, (json && json.error) || `HTTP ${res.status}`, json);
  }
  return json;
}
