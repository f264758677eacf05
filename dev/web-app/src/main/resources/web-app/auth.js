// Who is signed in. The access token lives in this browser's localStorage until it expires or the user signs
// out. Two ways in: the dev token issuer at once (development), or the authorization code flow with PKCE
// against any OpenID provider (configured by its issuer and this app's client id).
import config from '/config.js';

const KEY = 'ticketpay.session';

export function session() {
  const stored = JSON.parse(localStorage.getItem(KEY) || 'null');
  if (!stored || stored.expiresAt * 1000 <= Date.now()) return null;
  return stored;
}

export function hasRole(...roles) {
  const current = session();
  return !!current && roles.some((role) => current.roles.includes(role));
}

export function signOut() {
  localStorage.removeItem(KEY);
}

function remember(token) {
  const claims = JSON.parse(decodeBase64Url(token.split('.')[1]));
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  localStorage.setItem(KEY, JSON.stringify({ token, subject: claims.sub, email: claims.email || null, roles,
    expiresAt: claims.exp }));
}

function decodeBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Development only: a token for whoever the user says they are, from the dev issuer's /dev/token. */
export async function devSignIn(subject, roles) {
  const response = await fetch(`${config.issuerUrl}/dev/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub: subject, roles, email: `${subject}@example.com` }),
  }).catch(() => null);
  if (!response || !response.ok) throw new Error('The sign-in service cannot be reached. Is the local stack running?');
  remember((await response.json()).access_token);
}

async function discovery() {
  const response = await fetch(`${config.issuerUrl}/.well-known/openid-configuration`).catch(() => null);
  if (!response || !response.ok) throw new Error('The sign-in provider cannot be reached. Please try again later.');
  return response.json();
}

function randomUrlSafe(bytes) {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...random)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/\+/g, '-').replace(/\//g, '_')
    .replace(/=+$/, '');
}

const redirectUri = () => `${location.origin}/auth/callback`;

/** Starts the authorization code flow with PKCE: off to the provider's sign-in page. */
export async function startSignIn(returnTo = '/') {
  const provider = await discovery();
  const verifier = randomUrlSafe(32);
  const state = randomUrlSafe(16);
  sessionStorage.setItem('ticketpay.pkce', JSON.stringify({ verifier, state, returnTo }));
  const query = new URLSearchParams({ response_type: 'code', client_id: config.clientId,
    redirect_uri: redirectUri(), scope: 'openid email', state, code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256' });
  location.assign(`${provider.authorization_endpoint}?${query}`);
}

/** Back from the provider: exchanges the code and its verifier for a token; answers where to go next. */
export async function finishSignIn(query) {
  const pending = JSON.parse(sessionStorage.getItem('ticketpay.pkce') || 'null');
  sessionStorage.removeItem('ticketpay.pkce');
  if (query.get('error')) throw new Error(`Sign-in was refused: ${query.get('error_description') || query.get('error')}.`);
  if (!pending || pending.state !== query.get('state')) {
    throw new Error('This sign-in link is stale or was not started here. Please sign in again.');
  }
  const provider = await discovery();
  const response = await fetch(provider.token_endpoint, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: query.get('code'),
      redirect_uri: redirectUri(), client_id: config.clientId, code_verifier: pending.verifier }),
  }).catch(() => null);
  if (!response || !response.ok) throw new Error('The sign-in could not be completed. Please sign in again.');
  remember((await response.json()).access_token);
  return pending.returnTo || '/';
}
