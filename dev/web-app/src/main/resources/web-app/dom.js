// Builds DOM nodes without innerHTML, so text from the API can never become markup.
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** Replaces the page's content, gives it a title and moves focus there for screen-reader and keyboard users. */
export function show(title, ...content) {
  const main = document.getElementById('main');
  main.replaceChildren(h('h1', {}, title), ...content);
  document.title = `${title} · ticketpay`;
  main.focus();
}

/** Says something to screen readers without moving focus. */
export function announce(text) {
  document.getElementById('announcer').textContent = text;
}

export function errorBox(message) {
  return h('p', { class: 'error', role: 'alert' }, message);
}

/** A QR code PNG (base64) with its download link. */
export function qrCode(pngBase64, ticketId) {
  const source = `data:image/png;base64,${pngBase64}`;
  return h('div', { class: 'qr' },
    h('img', { src: source, alt: `QR code of ticket ${ticketId}`, 'data-ticket': ticketId }),
    h('p', {}, h('a', { class: 'button secondary', href: source, download: `ticket-${ticketId}.png` },
      'Download the QR code (PNG)')));
}

export function formatPrice(minorUnits, currency) {
  if (minorUnits === 0) return 'Free';
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(minorUnits / 10 ** digits);
}

export function formatTime(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
