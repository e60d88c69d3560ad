'use strict';
// Promotions: rules whose `when` tests the cart and whose `then` names the action to apply.
const functions = require('firebase-functions/v1');
const { getFirestore } = require('firebase-admin/firestore');

const firestore = getFirestore(); // @not-promise

const RULES = [
  { name: 'free-shipping', when: (cart) => cart.total >= 10000, then: 'shipping:0' },
  { name: 'bulk', when: (cart) => cart.items.length >= 5, then: 'discount:10' },
];

function rule(name, minimumTotal, action) {
  return { name, when: (cart) => cart.total >= minimumTotal, then: action }; // @either -- then is whatever the caller passes (an action's name here)
}

function applyAction(cart, action) {
  const [kind, value] = action.split(':'); // @either -- action is the caller's
  if (kind === 'shipping') return { ...cart, shipping: Number(value) }; // @either -- a copy of the caller's cart
  return { ...cart, discount: Number(value) }; // @either
}

async function loadRules() {
  const snap = await firestore.collection('promotions').where('active', '==', true).get(); // @promise
  return snap.docs.map((doc) => rule(doc.id, doc.get('minimumTotal'), doc.get('action'))); // @not-promise
}

exports.quote = functions.https.onRequest(async (req, res) => {
  const cart = { items: req.body.items || [], total: Number(req.body.total) || 0 }; // @not-promise
  const stored = loadRules(); // @promise
  const seasonal = rule('seasonal', 5000, 'discount:5'); // @not-promise
  const rules = [...RULES, seasonal, ...(await stored)]; // @not-promise
  const matched = rules.filter((r) => r.when(cart)); // @not-promise
  const priced = matched.reduce((current, r) => applyAction(current, r.then), cart); // @either -- whatever applyAction returns
  const pending = { audit: firestore.collection('quotes').add({ total: cart.total, rules: matched.length }) }; // @not-promise -- an object holding a promise
  await pending.audit; // @promise
  res.json({ cart: priced, applied: matched.map((r) => r.name) }); // @not-promise
});

exports.nextStep = functions.https.onRequest((req, res) => {
  const flow = { step: req.query.step || 'cart', then: req.query.step === 'cart' ? 'address' : 'payment' }; // @not-promise -- a wizard step, not a thenable
  res.json(flow); // @not-promise
});
