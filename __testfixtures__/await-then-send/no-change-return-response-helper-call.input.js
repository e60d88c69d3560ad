const express = require('express');
const { getFirestore } = require('firebase-admin/firestore');
const { sendJsonError } = require('./lib/respond');

const router = express.Router();
const db = getFirestore();

function notFound(res, what) {
  return res.status(404).json({ error: `${what} not found` });
}

router.get('/orders/:id', async (req, res) => {
  try {
    const snap = await db.collection('orders').doc(req.params.id).get();
    if (!snap.exists) return notFound(res, 'order');
    return res.json({ id: snap.id, ...snap.data() });
  } catch (err) {
    console.error('orders: read failed', err);
    return sendJsonError(res, 500, 'Cannot read the order', err.message);
  }
});

router.delete('/orders/:id', (req, res) => {
  if (!req.user?.admin) return sendJsonError(res, 403, 'Admins only');
  return db
    .collection('orders')
    .doc(req.params.id)
    .delete()
    .then(() => res.sendStatus(204))
    .catch((err) => sendJsonError(res, 500, 'Cannot delete the order', err.message));
});

module.exports = router;
