// Express API on Cloud Functions: responses passed to a promise chain as calls, not functions.
const functions = require('firebase-functions');
const admin = require('firebase-admin');
const express = require('express');

admin.initializeApp();
const db = admin.firestore();
const app = express();
app.use(express.json());

function sendDeleted(res, what) {
  return res.status(200).json({ message: `${what} deleted` });
}

// Returns the function the chain calls once the write is done.
const sendSaved = (res) => () => res.status(200).json({ saved: true });

app.post('/games', (req, res) => {
  const { name, uid } = req.body;
  db.collection('games')
    .add({ gameName: name, author: uid })
    .then(res.status(201).send('saved'))
    .catch((error) => {
      res.status(500).send('could not save the game');
      console.error('Error adding document: ', error);
    });
});

app.delete('/games/:id', async (req, res) => {
  try {
    await db.collection('games').doc(req.params.id).delete().then(sendDeleted(res, 'game'));
  } catch (error) {
    res.status(500).send(error.message);
  }
});

app.post('/scores', (req, res) => {
  db.collection('scores')
    .add(req.body)
    .then(() => res.status(201).end())
    .catch(res.status(500).send('could not save the score'));
});

app.post('/logout', (req, res) => {
  return db.collection('users').doc(req.body.uid).update({ online: false }).finally(res.redirect('/login'));
});

// A function given to the chain is called when it settles: nothing to report.
app.post('/profile', (req, res) => {
  db.collection('profiles')
    .doc(req.body.uid)
    .set(req.body)
    .then(sendSaved(res))
    .catch((error) => res.status(500).send(error.message));
});

exports.api = functions.https.onRequest(app);
