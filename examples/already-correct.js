/**
 * Handlers that already finish their work before responding: sendlast leaves this file alone.
 */
const functions = require('@google-cloud/functions-framework');
const express = require('express');
const { Firestore, FieldValue } = require('@google-cloud/firestore');
const { PubSub } = require('@google-cloud/pubsub');

const db = new Firestore();
const signups = new PubSub().topic('signups');

functions.http('register', async (req, res) => {
  const { email, plan } = req.body;
  if (!email) {
    return res.status(400).send('email is required');
  }
  const ref = await db.collection('accounts').add({ email, plan, createdAt: FieldValue.serverTimestamp() });
  await signups.publishMessage({ json: { accountId: ref.id, plan } });
  console.log('registered', ref.id);
  res.status(201).json({ id: ref.id });
});

const app = express();
app.use(express.json());

app.get('/accounts/:id', async (req, res, next) => {
  try {
    const doc = await db.collection('accounts').doc(req.params.id).get();
    if (!doc.exists) {
      return res.sendStatus(404);
    }
    res.json({ id: doc.id, ...doc.data() });
  } catch (err) {
    return next(err);
  }
});

app.post('/accounts/:id/plan', async (req, res) => {
  if (!['free', 'pro'].includes(req.body.plan)) {
    return res.status(400).json({ error: 'unknown plan' });
  }
  await db.collection('accounts').doc(req.params.id).update({ plan: req.body.plan });
  res.sendStatus(204);
});

functions.http('accounts', app);
