// Chains that respond in `.then` with no rejection path, in bodies whose caller ignores the
// promise they return: the callback `cors` runs, and a Node http listener. Awaited, the rejection
// would be as unhandled as before: left alone and reported (add a `.catch` that responds).
const functions = require('firebase-functions');
const admin = require('firebase-admin');
const cors = require('cors')({ origin: true });
const http = require('http');

admin.initializeApp();
const db = admin.firestore();

exports.menu = functions.https.onRequest((req, res) => {
  cors(req, res, () => {
    db.collection('dishes')
      .where('available', '==', true)
      .get()
      .then((snap) => {
        res.status(200).json(snap.docs.map((doc) => ({ id: doc.id, ...doc.data() })));
      });
  });
});

const server = http.createServer((req, res) => {
  db.doc('status/kitchen')
    .get()
    .then((doc) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(doc.data()));
    });
});

server.listen(process.env.PORT || 8080);
