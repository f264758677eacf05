// The payments API v1: an order, then a PaymentIntent whose client_secret the browser confirms with Stripe.
// Against the Stripe sandbox the app's own card form confirms it exactly as Stripe.js does (the publishable key,
// the client_secret and payment_method_data[card] posted to /v1/payment_intents/{id}/confirm); with a real
// Stripe publishable key Stripe's Payment Element takes the card instead (loaded from js.stripe.com, as Stripe
// requires).
import config from '/config.js';
import { h, show, errorBox, formatPrice, announce } from '/dom.js';
import { api, wait, notReadyYet, askUntilAnswered } from '/api.js';
import { session } from '/auth.js';
import { navigate } from '/app.js';
import { showTicket, myTickets, stillAsking } from '/buyer.js';

export async function orderPaymentPage(query, orderId) {
  show('Pay by card', h('p', {}, 'Preparing the payment…'));
  const order = (await api('GET', `/api/v1/orders/${orderId}`)).data;
  if (order.status !== 'pending') return navigate(`/payments/none?order_id=${orderId}`, { replace: true });
  // asked again while the payment provider is busy (503 with Retry-After, the order held): one intent per order
  const intent = (await askUntilAnswered(() => api('POST', '/api/v1/payments/intent',
    { order_id: orderId, customer_email: session().email || undefined }), {
    giveUpAfter: 120_000,
    onWait: (error) => show('Pay by card', h('p', { class: 'notice', role: 'status' }, stillAsking(error))),
  })).data;
  const statusPage = `/payments/${intent.payment_id}?order_id=${orderId}`;
  const summary = h('p', {}, `Order ${order.ticket_id ? `for ticket ${order.ticket_id}` : ''}: `,
    h('strong', {}, formatPrice(intent.amount, intent.currency)));
  if (!config.stripeApiBase) return stripePaymentElement(intent, summary, statusPage);
  const problem = h('div', { 'aria-live': 'assertive' });
  const field = (id, label, attributes) => h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, name: id, required: true, ...attributes }));
  const form = h('form', { id: 'card-form', onsubmit: async (submit) => {
    submit.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    problem.replaceChildren();
    try {
      await confirmWithSandbox(intent.client_secret, form.elements);
      navigate(`${statusPage}&redirect_status=succeeded`);
    } catch (error) {
      problem.replaceChildren(errorBox(error.message));
      button.disabled = false;
    }
  } },
  field('card-number', 'Card number', { inputmode: 'numeric', autocomplete: 'cc-number', placeholder: '4242 4242 4242 4242' }),
  field('card-expiry', 'Expiry (MM/YY)', { autocomplete: 'cc-exp', placeholder: '12/34', pattern: '\\d{2}/\\d{2}' }),
  field('card-cvc', 'CVC', { inputmode: 'numeric', autocomplete: 'cc-csc', placeholder: '123', pattern: '\\d{3,4}' }),
  h('button', { type: 'submit' }, `Pay ${formatPrice(intent.amount, intent.currency)}`));
  show('Pay by card', summary, h('p', { class: 'notice' }, 'Test mode: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.'),
    form, problem);
}

/** What Stripe.js's confirmCardPayment sends, against the sandbox's API. */
async function confirmWithSandbox(clientSecret, fields) {
  const intentId = clientSecret.slice(0, clientSecret.indexOf('_secret_'));
  const [month, year] = fields['card-expiry'].value.split('/');
  const response = await fetch(`${config.stripeApiBase}/v1/payment_intents/${intentId}/confirm`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${config.stripePublishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_secret: clientSecret, 'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': fields['card-number'].value.replace(/\s+/g, ''),
      'payment_method_data[card][exp_month]': month, 'payment_method_data[card][exp_year]': `20${year}`,
      'payment_method_data[card][cvc]': fields['card-cvc'].value }),
  }).catch(() => null);
  if (!response) throw new Error('The payment provider cannot be reached. Please try again.');
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error?.message || 'The card payment failed. Please try again.');
}

/** Real Stripe: its Payment Element collects the card and confirms; it cannot be tested offline. */
async function stripePaymentElement(intent, summary, statusPage) {
  await new Promise((resolve, reject) => {
    if (window.Stripe) return resolve();
    document.head.append(h('script', { src: 'https://js.stripe.com/v3/', onload: resolve,
      onerror: () => reject(new Error('Stripe could not be loaded. Please check your connection.')) }));
  });
  const stripe = window.Stripe(config.stripePublishableKey);
  const elements = stripe.elements({ clientSecret: intent.client_secret });
  const problem = h('div', { 'aria-live': 'assertive' });
  const mount = h('div', { id: 'card-element' });
  const form = h('form', { onsubmit: async (submit) => {
    submit.preventDefault();
    const { error } = await stripe.confirmPayment({ elements, redirect: 'if_required',
      confirmParams: { return_url: location.origin + statusPage } });
    if (error) problem.replaceChildren(errorBox(error.message));
    else navigate(`${statusPage}&redirect_status=succeeded`);
  } }, mount, h('button', { type: 'submit' }, `Pay ${formatPrice(intent.amount, intent.currency)}`));
  show('Pay by card', summary, form, problem);
  elements.create('payment').mount(mount);
}

/** Polls the payment until it is decided, then the order until its QR code is there. */
export async function paymentStatusPage(query, paymentId) {
  const orderId = query.get('order_id');
  // Stripe said this confirmation succeeded (it adds redirect_status to the return_url; the card form does the
  // same): a "failed" still on record is the previous card's, until the success reaches payment-service
  const justPaid = query.get('redirect_status') === 'succeeded';
  const status = h('p', { class: 'status', role: 'status' }, 'Waiting for the payment to be confirmed…');
  show('Payment status', status);
  const deadline = Date.now() + 60_000;
  let pause = 500;
  while (Date.now() < deadline) {
    try {
      const payment = paymentId === 'none' ? { status: 'succeeded' } : (await api('GET', `/api/v1/payments/${paymentId}`)).data;
      if (payment.status === 'failed' && !justPaid) {
        return show('Payment failed', errorBox('The payment failed. You have not been charged; you can try another card.'),
          h('p', {}, h('a', { class: 'button', href: `/orders/${orderId}/pay` }, 'Try again')));
      }
      if (payment.status === 'succeeded') {
        status.textContent = 'Payment received. Issuing your ticket…';
        const order = (await api('GET', `/api/v1/orders/${orderId}`)).data;
        if (order.status === 'confirmed' && order.qr_code_data) {
          myTickets.save({ ticket_id: order.ticket_id, order_id: orderId, status: 'paid' });
          return showTicket(order, 'Payment successful. Here is your ticket.');
        }
      } else {
        status.textContent = justPaid ? 'The card was accepted. Waiting for the payment to be confirmed…'
          : `Payment ${payment.status}. Waiting for it to be confirmed…`;
      }
    } catch (error) {
      if (!notReadyYet(error)) return show('Payment status', errorBox(error.message));
    }
    announce(status.textContent);
    await wait(pause);
    pause = Math.min(pause * 2, 3000);
  }
  show('Payment status', errorBox('The payment is taking longer than usual. Check "My tickets" again in a minute.'));
}
