const functions = require('firebase-functions');
const admin = require('firebase-admin');
const cors = require('cors')({ origin: true });

admin.initializeApp();

// The response belongs to the cors middleware's callback: nothing is added after it.
exports.addTodo = functions.https.onRequest((req, res) => {
  cors(req, res, async () => {
    const ref = await admin.firestore().collection('todos').add({ title: req.body.title });
    res.status(201).json({ id: ref.id });
  });
});
