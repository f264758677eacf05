// The buyer's pages: the events, buying tickets (free at once, paid through Stripe Checkout or the card form),
// the pages Stripe Checkout returns to, and "My tickets".
import { h, show, errorBox, qrCode, formatPrice, formatTime, announce } from '/dom.js';
import { api, askUntilAnswered, notReadyYet, ApiError } from '/api.js';
import { session } from '/auth.js';
import { navigate } from '/app.js';

/**
 * What this browser remembers of the tickets it bought, by user: the card payment's order (to finish paying here)
 * and the seats a cancel released. "My tickets" itself comes from the API (GET /api/tickets).
 */
const myTickets = {
  key: () => `ticketpay.tickets.${session().subject}`,
  all() { return JSON.parse(localStorage.getItem(this.key()) || '[]'); },
  save(ticket) {
    const tickets = this.all().filter((known) => known.ticket_id !== ticket.ticket_id);
    const previous = this.all().find((known) => known.ticket_id === ticket.ticket_id) || {};
    localStorage.setItem(this.key(), JSON.stringify([{ ...previous, ...ticket }, ...tickets]));
  },
  find(ticketId) { return this.all().find((known) => known.ticket_id === ticketId); },
};
export { myTickets };

export async function eventsPage() {
  show('Events', h('p', {}, 'Loading the events…'));
  const events = await api('GET', '/api/events');
  if (!events.length) return show('Events', h('p', {}, 'No events are on sale yet.'));
  show('Events', h('ul', { class: 'events' }, events.map(eventCard)));
}

function eventCard(event) {
  const soldOut = event.available <= 0;
  // tickets are sold until the event starts (the API answers 400 after that)
  const started = new Date(event.starts_at) <= new Date();
  const offSale = soldOut || started;
  const quantityId = `quantity-${event.id}`;
  const problem = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'buy', 'data-event': event.id, onsubmit: (submit) => {
    submit.preventDefault();
    buy(event, Number(form.elements.quantity.value), form, problem);
  } },
  h('div', {}, h('label', { for: quantityId }, 'Tickets'),
    h('input', { id: quantityId, name: 'quantity', type: 'number', min: 1, max: Math.max(1, Math.min(10,
      event.available)), value: 1, required: true, disabled: offSale })),
  h('button', { type: 'submit', disabled: offSale }, started ? 'Sales closed' : soldOut ? 'Sold out'
    : event.price === 0 ? 'Get tickets' : 'Buy tickets'),
  event.price > 0 && !offSale ? h('button', { type: 'button', class: 'secondary', name: 'card',
    onclick: () => payByCard(event, Number(form.elements.quantity.value), form, problem) }, 'Pay by card here')
    : null);
  return h('li', { class: 'event', 'data-event': event.id },
    h('h2', {}, event.name),
    h('dl', {},
      h('dt', {}, 'Venue'), h('dd', {}, event.venue),
      h('dt', {}, 'Date'), h('dd', {}, formatTime(event.starts_at)),
      h('dt', {}, 'Price'), h('dd', {}, formatPrice(event.price, event.currency)),
      h('dt', {}, 'Seats left'), h('dd', { class: 'seats-left' }, String(event.available))),
    form, problem);
}

async function buy(event, quantity, form, problem) {
  try {
    const answer = await reserveOnce(form, 'checkout', quantity, problem, (headers) => api('POST',
      '/api/payments/create-payment-intent/', { event_id: event.id, quantity }, headers));
    myTickets.save({ ticket_id: answer.ticket_id, ticket_code: answer.ticket_code, event_id: event.id,
      event_name: event.name, quantity, session_id: answer.session_id || null,
      checkout_url: answer.checkout_url || null, status: answer.checkout_url ? 'awaiting payment' : 'paid' });
    if (answer.checkout_url) {
      announce('Taking you to the payment page…');
      location.assign(answer.checkout_url);
      return;
    }
    showTicket(answer, `${answer.detail || 'Your tickets'}.`);
  } catch (error) {
    problem.replaceChildren(errorBox(error.message));
  }
}

async function payByCard(event, quantity, form, problem) {
  try {
    const order = (await reserveOnce(form, 'order', quantity, problem, (headers) => api('POST', '/api/v1/orders',
      { event_id: event.id, quantity }, headers))).data;
    myTickets.save({ ticket_id: order.ticket_id, ticket_code: order.ticket_code, event_id: event.id,
      event_name: event.name, quantity, order_id: order.order_id, status: 'awaiting payment' });
    navigate(`/orders/${order.order_id}/pay`);
  } catch (error) {
    problem.replaceChildren(errorBox(error.message));
  }
}

/**
 * One purchase from an event's form ({@code how}: the checkout or an order), its buttons disabled meanwhile.
 * {@code send(headers)} is the request. The purchase has one Idempotency-Key, kept through every retry and for the
 * next click while no answer was final (a busy payment provider, a lost connection), so the API reserves the seats
 * once and answers with that ticket again; a changed quantity is another purchase. A buyer whose checkout is queued
 * behind a busy Stripe (503, seats held) gets to it here instead of losing the seats to a second attempt that finds
 * the event sold out.
 */
async function reserveOnce(form, how, quantity, problem, send) {
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((button) => { button.disabled = true; });
  problem.replaceChildren();
  const purchases = form.purchases || (form.purchases = {});
  if (purchases[how]?.quantity !== quantity) purchases[how] = { quantity, key: crypto.randomUUID() };
  const { key } = purchases[how];
  try {
    const answer = await askUntilAnswered(() => send({ 'Idempotency-Key': key }), {
      giveUpAfter: 120_000,
      onWait: (error) => problem.replaceChildren(h('p', { class: 'notice', role: 'status' }, stillAsking(error))),
    });
    delete purchases[how];
    return answer;
  } catch (error) {
    if (!notReadyYet(error)) delete purchases[how];
    buttons.forEach((button) => { button.disabled = false; });
    throw error;
  }
}

/** What a buyer reads while the app asks again. */
export function stillAsking(error) {
  const when = error.retryAfter ? `in ${error.retryAfter} second${error.retryAfter === 1 ? '' : 's'}` : 'in a moment';
  return `The service is busy. Asking again ${when}; nothing is reserved or charged twice.`;
}

/** The ticket's page: its QR code, ready to show at the door or to download. */
export function showTicket(ticket, message) {
  show('Your ticket', h('p', { class: 'notice', role: 'status' }, message),
    h('p', {}, `Ticket ${ticket.ticket_id}`, ticket.ticket_code ? ` · code ${ticket.ticket_code}` : ''),
    qrCode(ticket.qr_code_data, ticket.ticket_id),
    h('p', {}, h('a', { href: '/tickets' }, 'All my tickets'), ' · ', h('a', { href: '/' }, 'More events')));
}

/** Stripe Checkout sends the buyer here after paying; verify answers the QR code once the payment is through. */
export async function paymentSuccessPage(query) {
  const sessionId = query.get('session_id');
  const ticketId = Number(query.get('ticket_id'));
  if (!sessionId || !Number.isInteger(ticketId) || ticketId <= 0) {
    return show('Payment', errorBox('This link is incomplete: it needs a session_id and a ticket_id.'));
  }
  show('Confirming your payment…', h('p', { role: 'status' }, 'Checking with the payment provider. This takes a moment.'));
  try {
    const ticket = await askUntilAnswered(() => api('POST', '/api/payments/verify/',
      { session_id: sessionId, ticket_id: ticketId }));
    myTickets.save({ ticket_id: ticketId, session_id: sessionId, status: 'paid' });
    return showTicket(ticket, 'Payment successful. Here is your ticket.');
  } catch (error) {
    return show('Payment not confirmed', errorBox(error.message),
      h('p', {}, h('a', { href: '/tickets' }, 'See my tickets'), ' or ', h('a', { href: '/' }, 'go back to the events'), '.'));
  }
}

/** Stripe Checkout sends the buyer here after giving up: the reservation is cancelled and its seats go back. */
export async function paymentCancelPage(query) {
  const ticketId = Number(query.get('ticket_id'));
  if (!Number.isInteger(ticketId) || ticketId <= 0) {
    return show('Payment cancelled', errorBox('This link is incomplete: it needs a ticket_id.'));
  }
  try {
    await api('POST', '/api/payments/cancel/', { ticket_id: ticketId });
    const known = myTickets.find(ticketId);
    if (known) myTickets.save({ ticket_id: ticketId, status: 'cancelled' });
    show('Payment cancelled', h('p', { class: 'notice', role: 'status' },
      `You were not charged. The ${known?.quantity > 1 ? `${known.quantity} seats were` : 'seats were'} released and are back on sale.`),
    h('p', {}, h('a', { href: '/' }, 'Back to the events')));
  } catch (error) {
    show('Payment cancelled', errorBox(error.message), h('p', {}, h('a', { href: '/' }, 'Back to the events')));
  }
}

export async function ticketsPage() {
  show('My tickets', h('p', {}, 'Loading your tickets…'));
  // every ticket of the signed-in buyer, wherever it was bought (GET /api/tickets, the newest first)
  const tickets = await api('GET', '/api/tickets');
  if (!tickets.length) {
    return show('My tickets', h('p', {}, 'You have no tickets yet. ', h('a', { href: '/' }, 'See the events.')));
  }
  const items = tickets.map((ticket) => h('li', { 'data-ticket': ticket.ticket_id },
    h('h2', {}, ticket.event_name || `Event ${ticket.event_id}`),
    h('p', {}, `Ticket ${ticket.ticket_id} · ${ticket.quantity} seat(s) · ${formatPrice(ticket.amount, ticket.currency)}`)));
  show('My tickets', h('ul', { class: 'tickets' }, items));
  await Promise.all(tickets.map((ticket, index) => ticketStatus(ticket).then((parts) => items[index].append(...parts))));
}

const SETTLED = {
  cancelled: 'Cancelled: the seats were released.',
  expired: 'Expired: the hold ended before the payment.',
  refunded: 'Refunded: the money went back to you; this ticket no longer admits anyone.',
  disputed: 'Disputed with your bank: this ticket admits nobody until the dispute is decided.',
};

/**
 * A reservation waiting for its payment: paid from here (an order on any device, by its order_id; a Checkout
 * session from the URL this browser was given), or given up, so its seats go back on sale at once rather than when
 * the hold ends.
 */
function heldTicket(ticket) {
  const known = myTickets.find(ticket.ticket_id);
  const pay = ticket.payment === 'payment_intent' ? h('a', { href: `/orders/${ticket.order_id}/pay` }, 'Pay now')
    : known?.checkout_url ? h('a', { href: known.checkout_url }, 'Go to the payment page') : null;
  const status = h('p', { class: 'status' }, `Awaiting payment: the seats are held until ${formatTime(ticket.expires_at)}.`);
  const problem = h('div', { 'aria-live': 'polite' });
  const actions = h('p', {}, pay, ' ', h('button', { type: 'button', class: 'secondary', name: 'release',
    onclick: async (click) => {
      click.target.disabled = true;
      problem.replaceChildren();
      try {
        await api('POST', '/api/payments/cancel/', { ticket_id: ticket.ticket_id });
        if (known) myTickets.save({ ticket_id: ticket.ticket_id, status: 'cancelled' });
        status.replaceChildren(SETTLED.cancelled);
        actions.remove();
      } catch (error) {
        problem.replaceChildren(errorBox(error.message));
        click.target.disabled = false;
      }
    } }, 'Release the seats'));
  return [status, actions, problem];
}

async function ticketStatus(ticket) {
  if (SETTLED[ticket.status]) return [h('p', { class: 'status' }, SETTLED[ticket.status])];
  if (ticket.status === 'reserved') return heldTicket(ticket);
  try {
    const qr = await api('GET', `/api/tickets/${ticket.ticket_id}/qr`);
    return [h('p', { class: 'status' }, 'Paid — show this QR code at the door.'), qrCode(qr.qr_code_data, ticket.ticket_id)];
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return [h('p', { class: 'status' }, 'Paid — the QR code is on its way; look again in a moment.')];
    }
    return [errorBox(error.message)];
  }
}
