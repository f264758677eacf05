// Door staff: scan a ticket's QR code with the camera (jsQR, shipped with the app) or paste its payload; the
// answer is shown large: admitted, already admitted at <time>, or refused and why.
import { h, show, errorBox, formatTime } from '/dom.js';
import { api, ApiError } from '/api.js';
import { hasRole, session } from '/auth.js';

let camera = null;

export async function checkInPage() {
  if (!hasRole('staff', 'admin')) {
    return show('Check-in', errorBox(`This page is for door staff. You are signed in as ${session().subject}, `
      + 'who is not door staff.'), h('p', {}, h('a', { href: '/' }, 'Back to the events')));
  }
  const events = await api('GET', '/api/events').catch(() => []);
  const verdict = h('div', { id: 'verdict', 'aria-live': 'assertive' });
  const eventField = events.length
    ? h('select', { id: 'event', name: 'event', required: true },
      events.map((event) => h('option', { value: event.id }, `${event.name} (${formatTime(event.starts_at)})`)))
    : h('input', { id: 'event', name: 'event', type: 'number', min: 1, required: true });
  const form = h('form', { id: 'check-in-form', onsubmit: (submit) => {
    submit.preventDefault();
    admit(form.elements.payload.value.trim(), Number(form.elements.event.value), verdict);
  } },
  h('div', { class: 'field' }, h('label', { for: 'event' }, 'Event at this door'), eventField),
  h('div', { class: 'field' }, h('label', { for: 'payload' }, 'QR code payload (scan, or paste it here)'),
    h('textarea', { id: 'payload', name: 'payload', required: true, autocomplete: 'off', spellcheck: 'false' })),
  h('p', {}, h('button', { type: 'submit' }, 'Check in'), ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => scan(form) }, 'Scan with the camera')));
  const video = h('video', { id: 'camera', playsinline: true, muted: true, hidden: true, 'aria-label': 'Camera view' });
  show('Check-in', form, video, verdict);
}

async function admit(payload, eventId, verdict) {
  verdict.replaceChildren(h('p', {}, 'Checking…'));
  try {
    const answer = await api('POST', '/api/check-ins', { qr_payload: payload, event_id: eventId });
    verdict.replaceChildren(box('admitted', 'Admitted', `Ticket ${answer.ticket_id} · ${answer.quantity} `
      + `${answer.quantity === 1 ? 'person' : 'people'}`));
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && error.body?.checked_in_at) {
      verdict.replaceChildren(box('already', 'Already admitted',
        `Ticket ${error.body.ticket_id} was admitted at ${formatTime(error.body.checked_in_at)}.`));
    } else {
      verdict.replaceChildren(box('refused', 'Refused', error.message));
    }
  }
  verdict.querySelector('.verdict').focus();
}

function box(kind, headline, detail) {
  return h('div', { class: `verdict ${kind}`, tabindex: '-1', 'data-verdict': kind },
    h('strong', {}, headline), h('p', {}, detail));
}

/** jsQR is a classic (UMD) script: it sets window.jsQR. Loaded on the first scan only. */
function loadDecoder() {
  return new Promise((resolve, reject) => {
    if (window.jsQR) return resolve();
    document.head.append(h('script', { src: '/vendor/jsQR.js', onload: resolve,
      onerror: () => reject(new Error('The QR decoder could not be loaded.')) }));
  });
}

/** Reads frames from the back camera until jsQR finds a code, then checks it in. */
async function scan(form) {
  const video = document.getElementById('camera');
  if (!navigator.mediaDevices?.getUserMedia) {
    form.after(errorBox('This browser cannot use a camera here. Paste the payload instead.'));
    return;
  }
  await loadDecoder();
  try {
    camera?.getTracks().forEach((track) => track.stop());
    camera = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  } catch {
    form.after(errorBox('The camera could not be started. Allow camera access, or paste the payload instead.'));
    return;
  }
  video.srcObject = camera;
  video.hidden = false;
  await video.play();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const frame = () => {
    if (!camera) return;
    if (video.readyState >= video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code?.data) {
        camera.getTracks().forEach((track) => track.stop());
        camera = null;
        video.hidden = true;
        form.elements.payload.value = code.data;
        form.requestSubmit();
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
