// The gateway is the only backend the app talks to. Every failure becomes an ApiError whose message is a plain
// sentence the page can show as it is.
import config from '/config.js';
import { session, signOut } from '/auth.js';

export class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

const SENTENCES = {
  401: 'Your sign-in has expired. Please sign in again.',
  403: 'You are not allowed to do that.',
  404: 'That was not found.',
  413: 'That request is too large.',
  429: 'Too many requests right now. Please wait a moment and try again.',
  500: 'Something went wrong on our side. Please try again.',
  502: 'The service is not reachable right now. Please try again shortly.',
  503: 'The service is busy right now. Please try again shortly.',
  504: 'The service took too long to answer. Please try again shortly.',
};

export async function api(method, path, body, headers = {}) {
  const request = { method, headers: { Accept: 'application/json', ...headers } };
  const token = session()?.token;
  if (token) request.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(config.gatewayUrl + path, request);
  } catch {
    throw new ApiError('The ticket service cannot be reached. Check your connection and try again.', 0, null);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (response.ok) return json;
  if (response.status === 401) signOut();
  throw new ApiError(sentence(response.status, json), response.status, json);
}

/** The API's own words when it gave some ({"detail"} or the v1 envelope's "message"), else a sentence per status. */
function sentence(status, json) {
  const said = json && (json.detail || json.message || json.error?.message);
  if (typeof said === 'string' && said.trim()) return /[.!?]$/.test(said.trim()) ? said.trim() : `${said.trim()}.`;
  return SENTENCES[status] || `The request failed (HTTP ${status}).`;
}

/** Whether an answer means "not ready yet, ask again" rather than a final no. */
export function notReadyYet(error) {
  return error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503
    || error.status === 504 || error.status === 429);
}

export const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
