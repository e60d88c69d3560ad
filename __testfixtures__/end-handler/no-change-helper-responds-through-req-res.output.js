const express = require('express');
const admin = require('firebase-admin');

admin.initializeApp();
const app = express();

// Express puts the response on the request: this helper answers through `req.res`.
function rejectBanned(req) {
  if (req.get('X-Client') === 'banned') req.res.status(403).send('blocked');
}

app.post('/comments', async (req, res) => {
  rejectBanned(req);
  await admin.firestore().collection('comments').add({ text: req.body.text });
});

app.listen(8080);
