// The router: each path of the app is a page function. Links within the app navigate without reloading.
import config from '/config.js';
import { h, show, errorBox } from '/dom.js';
import { session, hasRole, signOut, devSignIn, startSignIn, finishSignIn } from '/auth.js';
import { eventsPage, ticketsPage, paymentSuccessPage, paymentCancelPage } from '/buyer.js';
import { orderPaymentPage, paymentStatusPage } from '/card-payment.js';
import { checkInPage } from '/check-in.js';
import { adminPage } from '/admin.js';

const DEMO_USERS = [
  { subject: 'alice', roles: ['user'], about: 'a buyer' },
  { subject: 'bob', roles: ['user'], about: 'another buyer' },
  { subject: 'dora', roles: ['staff'], about: 'door staff' },
  { subject: 'adam', roles: ['admin'], about: 'an administrator' },
];

const routes = [
  [/^\/login$/, loginPage, false],
  [/^\/auth\/callback$/, callbackPage, false],
  [/^\/$/, eventsPage, true],
  [/^\/tickets$/, ticketsPage, true],
  [/^\/payment\/success$/, paymentSuccessPage, true],
  [/^\/payment\/cancel$/, paymentCancelPage, true],
  [/^\/orders\/([0-9a-f-]+)\/pay$/, orderPaymentPage, true],
  [/^\/payments\/([0-9a-f-]+)$/, paymentStatusPage, true],
  [/^\/check-in$/, checkInPage, true],
  [/^\/admin$/, adminPage, true],
];

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

async function render() {
  renderHeader();
  const query = new URLSearchParams(location.search);
  for (const [pattern, page, needsSignIn] of routes) {
    const match = location.pathname.match(pattern);
    if (!match) continue;
    if (needsSignIn && !session()) {
      sessionStorage.setItem('ticketpay.returnTo', location.pathname + location.search);
      return navigate('/login', { replace: true });
    }
    try {
      await page(query, ...match.slice(1));
    } catch (error) {
      show('Something went wrong', errorBox(error.message));
    }
    return;
  }
  show('Page not found', h('p', {}, 'There is nothing here. ', h('a', { href: '/' }, 'See the events.')));
}

function renderHeader() {
  const current = session();
  const who = document.getElementById('who');
  who.replaceChildren(...(current
    ? [`Signed in as ${current.subject} `, h('button', { type: 'button', class: 'secondary', onclick: () => {
      signOut();
      navigate('/login');
    } }, 'Sign out')]
    : [h('a', { href: '/login' }, 'Sign in')]));
  document.querySelector('[data-role=staff]').hidden = !hasRole('staff', 'admin');
  document.querySelector('[data-role=admin]').hidden = !hasRole('admin');
}

function afterSignIn() {
  const returnTo = sessionStorage.getItem('ticketpay.returnTo') || '/';
  sessionStorage.removeItem('ticketpay.returnTo');
  return returnTo;
}

async function loginPage(query) {
  if (config.devSignIn && query.get('as')) {
    const roles = (query.get('roles') || 'user').split(',').map((role) => role.trim()).filter(Boolean);
    await devSignIn(query.get('as'), roles);
    return navigate(afterSignIn(), { replace: true });
  }
  const provider = h('p', {}, h('button', { type: 'button', onclick: () => startSignIn(afterSignIn())
    .catch((error) => document.getElementById('main').append(errorBox(error.message))) },
  config.devSignIn ? 'Sign in through the dev issuer\'s page (authorization code + PKCE)' : 'Sign in'));
  if (!config.devSignIn) return show('Sign in', provider);
  show('Sign in', h('p', {}, 'Development sign-in: pick a demo user.'),
    h('ul', { class: 'demo-users' }, DEMO_USERS.map((user) => h('li', {},
      h('a', { href: `/login?as=${user.subject}&roles=${user.roles.join(',')}` }, `${user.subject}`),
      ` — ${user.about} (${user.roles.join(', ')})`))),
    h('p', {}, 'Anyone else: ', h('code', {}, '/login?as=<name>&roles=<role,...>'), '.'),
    provider);
}

async function callbackPage(query) {
  show('Signing in…');
  const returnTo = await finishSignIn(query);
  navigate(returnTo, { replace: true });
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link || link.target || link.hasAttribute('download') || event.ctrlKey || event.metaKey || event.shiftKey
    || link.origin !== location.origin) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});
window.addEventListener('popstate', render);
render();
