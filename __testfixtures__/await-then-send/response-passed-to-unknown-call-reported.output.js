const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

function sendCached(res, key, body) {
  res.set('Cache-Control', 'public, max-age=300');
  res.json(body);
  return edgeCache.put(key, body);
}

exports.menu = functions.https.onRequest((req, res) => {
  return admin
    .firestore()
    .doc(`menus/${req.query.restaurant}`)
    .get()
    .then((snap) => sendCached(res, `menu:${snap.id}`, snap.data()));
});

exports.specials = functions.https.onRequest((req, res) => {
  const today = new Date().toISOString().slice(0, 10);
  return sendCached(res, `specials:${today}`, { date: today, items: [] });
});
