const express = require('express');
const admin = require('firebase-admin');

admin.initializeApp();
const app = express();

// Middleware passes control on with next(): every path either responds or calls next.
app.use(async (req, res, next) => {
  const header = req.get('Authorization') || '';
  if (!header.startsWith('Bearer ')) {
    res.status(401).send('missing token');
    return;
  }
  try {
    req.user = await admin.auth().verifyIdToken(header.slice(7));
    next();
  } catch (err) {
    next(err);
  }
});

// A route that uses next for errors and forgets to respond on success: reported, not rewritten.
app.post('/notes', async (req, res, next) => {
  try {
    await admin.firestore().collection('notes').add({ owner: req.user.uid, text: req.body.text });
  } catch (err) {
    return next(err);
  }
});

app.listen(8080);
