// A district lookup whose rejection handler sets a status and sends nothing: on an error the
// request hangs. The chain is awaited and the rejection handler reported.
import * as functions from 'firebase-functions';
import * as admin from 'firebase-admin';

admin.initializeApp();
const db = admin.firestore();

export const district = functions.https.onRequest(async (req, res) => {
  await db.collection('districts')
    .doc(String(req.query.id))
    .get()
    .then((doc) => {
      res.status(200).json({ id: doc.id, ...doc.data() });
    })
    .catch(() => {
      res.status(404);
    });
});

// The rejection handler logs and sets headers and a status: still nothing is sent.
export const cities = functions.https.onRequest(async (req, res) => {
  await db.collection('cities')
    .where('district', '==', String(req.query.district))
    .get()
    .then((snap) => res.json(snap.docs.map((d) => d.data())))
    .catch((err) => {
      functions.logger.error('cities lookup failed', err);
      res.set('Retry-After', '30').status(503);
    });
});

// A concise rejection handler returns the response object after setting a status: nothing is
// sent either, and the chain's value is not used.
export const parcel = functions.https.onRequest(async (req, res) => {
  await db.doc(`parcels/${String(req.query.id)}`)
    .get()
    .then((doc) => res.json(doc.data()))
    .catch(() => res.status(500));
});
