// The gateway is the only backend the app talks to. Every failure becomes an ApiError whose message is a plain
// sentence the page can show as it is.
import config from '/config.js';
import { session, signOut } from '/auth.js';

export class ApiError extends Error {
  /**
   * retryAfter: the seconds the answer's Retry-After asked for (the gateway exposes it to the page), or null (none,
   * zero, or a date): then the caller's own pause applies, so nothing is asked again in a tight loop.
   */
  constructor(message, status, body, retryAfter = null) {
    super(message);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
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
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  throw new ApiError(sentence(response.status, json), response.status, json,
    Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : null);
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

/**
 * Asks again while the answer is "not ready yet" ({@link notReadyYet}): after the Retry-After the API gave, else
 * after a pause that doubles from half a second to four. Gives up with the last error once {@code giveUpAfter} ms
 * have passed; any other error ends it at once. {@code onWait(error)} is told of each wait, so the page can say
 * why it is still waiting. Only for requests that are safe to repeat: reads, and writes the API answers once
 * (an Idempotency-Key, verify, an order's intent).
 */
export async function askUntilAnswered(request, { giveUpAfter = 60_000, onWait = () => {} } = {}) {
  const deadline = Date.now() + giveUpAfter;
  for (let pause = 500; ; pause = Math.min(pause * 2, 4000)) {
    try {
      return await request();
    } catch (error) {
      const next = error?.retryAfter != null ? error.retryAfter * 1000 : pause;
      if (!notReadyYet(error) || Date.now() + next > deadline) throw error;
      onWait(error);
      await wait(next);
    }
  }
}
