const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const app = express();
const firestore = new Firestore();
app.use(express.json());

app.post('/subscriptions', async (req, res) => {
  const { email, plan } = req.body;
  if (!email || !email.includes('@')) {
    res.status(400).json({ error: 'a valid email is required' });
    return;
  }
  const ref = firestore.collection('subscriptions').doc(email);
  await ref.set({ plan: plan || 'free', createdAt: new Date() }, { merge: true });
});

module.exports = app;
