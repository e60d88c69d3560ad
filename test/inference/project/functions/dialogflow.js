'use strict';
// Dialogflow fulfillment for the order-status agent.
const functions = require('firebase-functions/v1');
const { WebhookClient } = require('dialogflow-fulfillment');
const { getOrder } = require('./lib/db');

function welcome(agent) {
  agent.add('Hi! I can tell you where your order is.'); // @either -- agent is the caller's
}

function orderStatus(agent) {
  const orderId = agent.parameters.orderId;
  return getOrder(String(orderId)).then((snap) => { // @promise
    if (!snap.exists) {
      agent.add(`I could not find order ${orderId}.`); // @either
      return;
    }
    agent.add(`Order ${orderId} is ${snap.data().status}.`); // @either
  });
}

function fallback(agent) {
  agent.add("Sorry, I didn't get that."); // @either
}

exports.dialogflowFulfillment = functions.https.onRequest((request, response) => {
  const agent = new WebhookClient({ request, response }); // @not-promise
  console.log('intent', agent.intent); // @not-promise
  const intentMap = new Map(); // @not-promise
  intentMap.set('Default Welcome Intent', welcome); // @not-promise
  intentMap.set('Order Status', orderStatus); // @not-promise
  intentMap.set('Default Fallback Intent', fallback); // @not-promise
  agent.handleRequest(intentMap); // @promise -- handleRequest always returns a promise
});

// The same agent without the library: reads the v2 webhook request and answers in JSON.
exports.dialogflowRaw = functions.https.onRequest(async (req, res) => {
  const intent = req.body.queryResult.intent.displayName;
  if (intent !== 'Order Status') {
    return res.json({ fulfillmentText: "Sorry, I didn't get that." }); // @not-promise
  }
  const orderId = String(req.body.queryResult.parameters.orderId); // @not-promise
  const snap = await getOrder(orderId); // @promise
  const text = snap.exists ? `Order ${orderId} is ${snap.data().status}.` : `I could not find order ${orderId}.`; // @not-promise
  return res.json({ fulfillmentText: text }); // @not-promise
});
