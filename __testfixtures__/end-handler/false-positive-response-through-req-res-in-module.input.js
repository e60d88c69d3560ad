const express = require('express');
const admin = require('firebase-admin');
const { rejectBanned } = require('./lib/guards');

admin.initializeApp();
const app = express();

// If rejectBanned answers through `req.res` (the response Express puts on the request), the
// response added at the end is a second one: sendlast does not see into this module.
app.post('/comments', async (req, res) => {
  await rejectBanned(req);
  await admin.firestore().collection('comments').add({ text: req.body.text });
});

app.listen(8080);
