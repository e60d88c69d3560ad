const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const reply = (res, status, body) => res.status(status).send(body);

// `reply` only calls the response's methods: the response stays the handler's, so the audit write
// that floats before the answer is awaited.
exports.registerDevice = functions.https.onRequest(async (req, res) => {
  if (!req.body.token) {
    return reply(res, 400, 'token required');
  }
  await admin.firestore().collection('devices').doc(req.body.token).set({ platform: req.body.platform, seenAt: Date.now() });
  return reply(res, 201, 'registered');
});
