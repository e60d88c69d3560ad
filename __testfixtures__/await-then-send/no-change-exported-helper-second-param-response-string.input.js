// Helpers of a payment integration, exported for the webhook module. Their second parameter is
// the provider's raw `response` body (a string), not an HTTP response: no handler here.
const admin = require('firebase-admin');

const db = admin.firestore();

function onAccessTokenTrigger(storeId, response) {
  const entry = { storeId, response: JSON.parse(response), event: 'access-token', at: Date.now() };
  return db.collection('logs').add(entry);
}

function onRefundTrigger(storeId, response) {
  return db.collection('logs').add({ storeId, response, event: 'refund', at: Date.now() });
}

module.exports = { onAccessTokenTrigger, onRefundTrigger };
