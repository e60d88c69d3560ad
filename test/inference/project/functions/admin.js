'use strict';
// Admin console endpoints: accounts, documents, realtime flags and push messages.
const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');
const { getFirestore, FieldValue } = require('firebase-admin/firestore');
const { getAuth } = require('firebase-admin/auth');
const { getMessaging } = require('firebase-admin/messaging');
const { getDatabase } = require('firebase-admin/database');

const firestore = getFirestore(); // @not-promise
const auth = getAuth(); // @not-promise
const messaging = getMessaging(); // @not-promise
const flags = getDatabase().ref('flags'); // @not-promise
const users = firestore.collection('users'); // @not-promise

// Clients made on first use.
const services = {
  get bucket() {
    return admin.storage().bucket('acme-admin'); // @not-promise
  },
  get serviceToken() {
    return auth.createCustomToken('admin-console', { service: true }); // @promise
  },
};

function isAdmin(claims) {
  return Boolean(claims && claims.admin); // @not-promise
}

async function requireAdmin(req) {
  const token = (req.get('authorization') || '').replace(/^Bearer /, ''); // @either -- req is the caller's
  const decoded = await auth.verifyIdToken(token, true); // @promise
  if (!isAdmin(decoded)) throw new Error('forbidden');
  return decoded; // @not-promise
}

exports.adminUser = functions.https.onRequest(async (req, res) => {
  await requireAdmin(req); // @promise
  const user = await auth.getUserByEmail(req.query.email); // @promise
  const [profile, orders] = await firestore.getAll(users.doc(user.uid), firestore.doc(`stats/${user.uid}`)); // @promise
  const link = auth.generatePasswordResetLink(user.email); // @promise
  res.json({ uid: user.uid, profile: profile.data(), orders: orders.data(), reset: await link }); // @not-promise
});

exports.adminDisable = functions.https.onRequest(async (req, res) => {
  await requireAdmin(req); // @promise
  const { uid } = req.body;
  await auth.updateUser(uid, { disabled: true }); // @promise
  await auth.revokeRefreshTokens(uid); // @promise
  await users.doc(uid).update({ disabled: true, disabledAt: FieldValue.serverTimestamp() }); // @promise
  await flags.child(`disabled/${uid}`).set(true); // @promise
  res.sendStatus(204); // @not-promise
});

exports.adminDelete = functions.https.onRequest(async (req, res) => {
  await requireAdmin(req); // @promise
  const { uid } = req.body;
  const ref = users.doc(uid); // @not-promise
  await firestore.recursiveDelete(ref); // @promise
  await auth.deleteUser(uid); // @promise
  await flags.child(`disabled/${uid}`).remove(); // @promise
  res.sendStatus(204); // @not-promise
});

exports.adminListUsers = functions.https.onRequest(async (req, res) => {
  await requireAdmin(req); // @promise
  const page = await auth.listUsers(100, req.query.next); // @promise
  const emails = page.users.map((u) => u.email); // @not-promise
  res.json({ emails, next: page.pageToken }); // @not-promise
});

exports.adminCollections = functions.https.onRequest((req, res) => {
  requireAdmin(req) // @promise
    .then(() => firestore.listCollections())
    .then((collections) => res.json(collections.map((c) => c.id)))
    .catch((err) => res.status(403).send(err.message));
});

exports.adminReviews = functions.https.onRequest(async (req, res) => {
  await requireAdmin(req); // @promise
  const flagged = await firestore.collectionGroup('reviews').where('flagged', '==', true).get(); // @promise
  const updates = flagged.docs.map((doc) => doc.ref.update({ hidden: true })); // @not-promise -- an array of promises
  await Promise.all(updates); // @promise
  const first = flagged.docs[0]; // @not-promise
  if (first) {
    await first.ref.collection('moderation').add({ at: Date.now() }); // @promise
  }
  const docs = await users.listDocuments(); // @promise
  res.json({ hidden: updates.length, users: docs.length }); // @not-promise
});

exports.adminCounters = functions.https.onRequest(async (req, res) => {
  await requireAdmin(req); // @promise
  const stats = firestore.doc('stats/global'); // @not-promise
  await stats.set({ views: FieldValue.increment(1) }, { merge: true }); // @promise
  const created = firestore.collection('counters').doc(req.body.name).create({ value: 0 }); // @promise
  await created.catch(() => null); // @promise
  const snap = await stats.get(); // @promise
  res.json(snap.data()); // @not-promise
});

exports.adminFlags = functions.https.onRequest(async (req, res) => {
  await requireAdmin(req); // @promise
  if (req.method === 'PUT') {
    await flags.update(req.body); // @promise
  }
  const current = await flags.get(); // @promise
  const recent = await flags.child('log').orderByChild('at').limitToLast(10).once('value'); // @promise
  flags.child('log').push({ at: Date.now(), by: 'console' }); // @promise -- a thenable reference
  res.json({ flags: current.val(), recent: recent.val() }); // @not-promise
});

exports.adminExport = functions.https.onRequest(async (req, res) => {
  await requireAdmin(req); // @promise
  const token = services.serviceToken; // @promise -- a getter that starts a token request
  const file = services.bucket.file(`exports/${Date.now()}.json`); // @not-promise
  await file.save(JSON.stringify({ token: await token })); // @promise
  res.json({ object: file.name }); // @not-promise
});

exports.adminBroadcast = functions.https.onRequest(async (req, res) => {
  await requireAdmin(req); // @promise
  const { title, body, tokens } = req.body;
  await messaging.subscribeToTopic(tokens, 'announcements'); // @promise
  const id = await messaging.send({ topic: 'announcements', notification: { title, body } }); // @promise
  const perDevice = await messaging.sendEach(tokens.map((token) => ({ token, data: { title } }))); // @promise
  await admin.firestore().collection('broadcasts').add({ id, failures: perDevice.failureCount }); // @promise
  res.json({ id }); // @not-promise
});

exports.adminFlagCallback = functions.https.onRequest((req, res) => {
  flags.child(req.body.name).set(req.body.value, (err) => { // @promise -- RTDB set returns a promise even with a callback
    if (err) return res.status(500).send(err.message); // @not-promise
    res.sendStatus(204); // @not-promise
  });
});
