// Admins manage the catalog: create events and change them (a new capacity may not go below the seats sold).
import { h, show, errorBox, formatPrice, formatTime } from '/dom.js';
import { api } from '/api.js';
import { hasRole, session } from '/auth.js';

/** The page; {@code notice} is what the last change did, shown on top. */
export async function adminPage(query, notice) {
  if (!hasRole('admin')) {
    return show('Events admin', errorBox(`This page is for administrators. You are signed in as ${session().subject}, `
      + 'who is not an administrator.'));
  }
  const events = await api('GET', '/api/events');
  const message = h('div', { id: 'admin-message', 'aria-live': 'polite' },
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null);
  show('Events admin', message,
    h('h2', {}, 'New event'), eventForm('new', {}, async (fields) => {
      const created = await api('POST', '/api/events', fields);
      await adminPage(query, `Event ${created.id} "${created.name}" was created.`);
      return null;
    }, message),
    h('h2', {}, 'Events'),
    h('ul', { class: 'events' }, events.map((event) => h('li', { class: 'event', 'data-event': event.id },
      h('details', {}, h('summary', {}, `${event.name} — ${formatTime(event.starts_at)}, `
        + `${formatPrice(event.price, event.currency)}, ${event.available} of ${event.capacity} seats left`),
      eventForm(`edit-${event.id}`, event, async (fields) => {
        const changed = Object.fromEntries(Object.entries(fields).filter(([name, value]) => value !== event[name]));
        if (!Object.keys(changed).length) return 'Nothing was changed.';
        const updated = await api('PATCH', `/api/events/${event.id}`, changed);
        Object.assign(event, updated);
        return `Event ${updated.id} "${updated.name}" was saved.`;
      }, message))))));
}

function eventForm(id, event, save, message) {
  const field = (name, label, attributes) => h('div', { class: 'field' },
    h('label', { for: `${id}-${name}` }, label),
    h('input', { id: `${id}-${name}`, name, required: true, ...attributes }));
  const form = h('form', { id: `${id}-form`, onsubmit: async (submit) => {
    submit.preventDefault();
    const values = form.elements;
    const fields = { name: values.name.value.trim(), venue: values.venue.value.trim(),
      starts_at: new Date(values.starts_at.value).toISOString().replace('.000Z', 'Z'),
      capacity: Number(values.capacity.value), price: Number(values.price.value),
      currency: values.currency.value.trim().toLowerCase() };
    try {
      const done = await save(fields);
      if (done) message.replaceChildren(h('p', { class: 'notice', role: 'status' }, done));
    } catch (error) {
      message.replaceChildren(errorBox(error.message));
    }
    message.scrollIntoView();
  } },
  field('name', 'Name', { value: event.name || '' }),
  field('venue', 'Venue', { value: event.venue || '' }),
  field('starts_at', 'Starts at (your local time)', { type: 'datetime-local', value: localInput(event.starts_at) }),
  field('capacity', 'Capacity (seats)', { type: 'number', min: 1, value: event.capacity ?? 100 }),
  field('price', 'Price in the currency\'s smallest unit (yen, cents; 0 = free)', { type: 'number', min: 0,
    value: event.price ?? 0 }),
  field('currency', 'Currency (ISO code)', { value: event.currency || 'jpy', pattern: '[A-Za-z]{3}', maxlength: 3 }),
  h('button', { type: 'submit' }, event.id ? 'Save changes' : 'Create event'));
  return form;
}

/** An ISO instant as a datetime-local input's value, in this browser's time zone. */
function localInput(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:`
    + `${pad(date.getMinutes())}`;
}
