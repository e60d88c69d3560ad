// A menu import whose `.then` callback starts writes it does not wait for, then responds: the
// response can go out before the writes finish, and their rejection reaches no one. Nested
// callbacks are not rewritten: reported (await them in the callback, or return them).
const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.importMenu = functions.https.onRequest((req, res) => {
  db.doc(`menus/${req.query.id}`)
    .get()
    .then((menu) => {
      db.collection('imports').add({ menu: menu.id, at: Date.now() });
      admin.messaging().send({ topic: 'menus', notification: { title: 'Menu imported' } });
      res.status(200).send('imported');
    })
    .catch((err) => res.status(500).send(err.message));
});

// Awaited work and a log line: not reported.
exports.syncMenu = functions.https.onRequest((req, res) => {
  db.doc(`menus/${req.query.id}`)
    .get()
    .then(async (menu) => {
      await db.collection('syncs').add({ menu: menu.id });
      console.log('synced', menu.id);
      res.status(200).send('synced');
    })
    .catch((err) => res.status(500).send(err.message));
});
