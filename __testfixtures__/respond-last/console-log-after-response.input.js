// Error handlers that log after responding. A console write right after the response runs at
// once, in the same turn, and writes synchronously: nothing is lost, and moved first, a log line
// that throws would change the response. Left as written. A write after the response still moves.
const functions = require('firebase-functions');
const { logger } = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.createBooking = functions.https.onRequest(async (req, res) => {
  try {
    const ref = await db.collection('bookings').add({ room: req.body.room, at: Date.now() });
    res.status(201).json({ id: ref.id });
    console.log(`booking ${ref.id} created for room ${req.body.room}`);
  } catch (err) {
    res.status(500).send('could not book the room');
    console.error('booking failed', err);
    logger.error('booking failed', { room: req.body.room, message: err.message });
    functions.logger.warn(JSON.stringify({ body: req.body }));
  }
});

exports.cancelBooking = functions.https.onRequest(async (req, res) => {
  res.sendStatus(204);
  console.log('cancelling', req.query.id);
  db.doc(`bookings/${req.query.id}`).delete();
});
