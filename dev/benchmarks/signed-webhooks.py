#!/usr/bin/env python3
"""Writes N signed payment_intent.succeeded webhooks, shaped like Stripe's own fixtures, one per line:
<Stripe-Signature> TAB <body>. Each has its own event and intent id (evt_<prefix><n>, pi_<prefix><n>); no payment
of ours carries those intents, so processing looks the payment up and finds nothing to change. Signatures are
valid for the webhook tolerance (5 minutes) from now.
usage: signed-webhooks.py N OUT PREFIX   (env: WEBHOOK_SECRET, FIXTURES)"""
import copy, hashlib, hmac, json, os, sys, time

n, out, prefix = int(sys.argv[1]), sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))
secret = os.environ.get('WEBHOOK_SECRET', 'whsec_ticketpaySandboxDevSecret0123456789').encode()
fixtures = json.load(open(os.environ.get('FIXTURES', os.path.join(here, '../../../shared/stripe/fixtures.json'))))
t = int(time.time())
with open(out, 'w') as f:
    for i in range(n):
        event, intent = copy.deepcopy(fixtures['event']), copy.deepcopy(fixtures['payment_intent'])
        intent.update(id=f'pi_{prefix}{i:08d}', status='succeeded', amount_received=intent['amount'], metadata={},
                      client_secret=f'pi_{prefix}{i:08d}_secret_bench')
        event.update(id=f'evt_{prefix}{i:08d}', type='payment_intent.succeeded', created=t, data={'object': intent})
        body = json.dumps(event, separators=(',', ':'))
        signature = hmac.new(secret, f'{t}.{body}'.encode(), hashlib.sha256).hexdigest()
        f.write(f't={t},v1={signature}\t{body}\n')
