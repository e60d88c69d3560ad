const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('touchLastSeen', (req, res) =>
  db.doc(`users/${req.query.uid}`).update({ lastSeen: Firestore.FieldValue.serverTimestamp() }),
);
