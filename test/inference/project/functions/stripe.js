'use strict';
// Stripe checkout and webhooks.
const functions = require('firebase-functions/v1');
const Stripe = require('stripe');
const { db, recordAudit } = require('./lib/db');
const { sendReceipt } = require('./lib/mail');
const { publishOrderShipped } = require('./lib/publish');

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2024-06-20' }); // @not-promise

async function markPaid(orderId, paymentIntentId) {
  const ref = db.collection('orders').doc(orderId); // @not-promise
  await ref.update({ status: 'paid', paymentIntentId }); // @promise
  const snap = await ref.get(); // @promise
  return sendReceipt({ id: orderId, ...snap.data() }); // @promise
}

function refundFor(charge) {
  return { charge: charge.id, reason: 'requested_by_customer' }; // @not-promise
}

exports.checkout = functions.https.onRequest(async (req, res) => {
  const { orderId, email, amount } = req.body;
  const customer = await stripe.customers.create({ email, metadata: { orderId } }); // @promise
  const session = await stripe.checkout.sessions.create({ // @promise
    mode: 'payment',
    customer: customer.id,
    line_items: [{ price_data: { currency: 'eur', unit_amount: amount, product_data: { name: `Order ${orderId}` } }, quantity: 1 }],
    success_url: 'https://shop.acme.test/thanks',
    cancel_url: 'https://shop.acme.test/cart',
  });
  await db.collection('orders').doc(orderId).update({ checkoutSession: session.id }); // @promise
  res.redirect(303, session.url); // @not-promise
});

exports.stripeWebhook = functions.https.onRequest(async (req, res) => {
  const signature = req.headers['stripe-signature'];
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.rawBody, signature, process.env.STRIPE_WEBHOOK_SECRET); // @not-promise -- the assignment gives the Event
  } catch (err) {
    console.error('bad signature', err.message); // @not-promise
    return res.status(400).send(`Webhook Error: ${err.message}`); // @not-promise
  }

  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      await markPaid(session.metadata.orderId, session.payment_intent); // @promise
      break;
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const refund = refundFor(charge); // @not-promise
      await recordAudit({ type: 'refund', ...refund }); // @promise
      break;
    }
    case 'charge.dispute.created':
      stripe.paymentIntents.retrieve(event.data.object.payment_intent).then((intent) => // @promise
        db.collection('disputes').add({ intent: intent.id, amount: intent.amount }),
      );
      break;
    default:
      console.log(`unhandled event ${event.type}`); // @not-promise
  }
  res.json({ received: true }); // @not-promise
});

exports.ship = functions.https.onRequest(async (req, res) => {
  const { orderId, carrier } = req.body;
  const id = await publishOrderShipped(orderId, carrier); // @promise
  res.json({ messageId: id }); // @not-promise
});

exports.customers = functions.https.onRequest(async (req, res) => {
  const page = await stripe.customers.list({ limit: 20 }); // @promise
  res.json(page.data.map((c) => ({ id: c.id, email: c.email }))); // @not-promise
});
