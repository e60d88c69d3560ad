const express = require('express');
const admin = require('firebase-admin');

admin.initializeApp();
const app = express();

app.get('/avatars/:uid', async (req, res) => {
  const user = await admin.auth().getUser(req.params.uid);
  if (!user.photoURL) res.redirect('/img/default-avatar.png');
  if (req.query.size === 'small') {
    res.json({ url: user.photoURL, size: 64 });
  } else {
    console.log('full-size avatar for', user.uid);
  }
});

app.listen(8080);
