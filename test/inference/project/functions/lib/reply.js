'use strict';
// Helpers that take the response and answer it once the data is there.
const { getOrder } = require('./db');

// Returns the chain: the caller can wait for the response to be sent.
exports.sendOrder = function sendOrder(res, orderId) {
  return getOrder(orderId).then((snap) => { // @promise
    if (!snap.exists) return res.status(404).json({ error: 'not found' }); // @either -- res is the caller's
    return res.json({ id: snap.id, ...snap.data() }); // @either
  });
};

// Starts the same chain and returns nothing.
exports.sendOrderLater = function sendOrderLater(res, orderId) {
  getOrder(orderId) // @promise
    .then((snap) => res.json(snap.data()))
    .catch(() => res.status(500).end());
};

exports.ok = (res) => res.json({ ok: true });

exports.noContent = function noContent(res) {
  res.status(204).end(); // @either
};

exports.sendCsv = async function sendCsv(res, name, rows) {
  res.set('Content-Disposition', `attachment; filename="${name}"`); // @either
  res.type('text/csv').send(rows.join('\n')); // @either
};
