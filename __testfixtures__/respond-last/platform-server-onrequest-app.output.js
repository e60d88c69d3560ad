// The same Express app, served by Firebase: even with --platform server, a function registration
// reaches it (`onRequest(app)`), so the work after the response moves before it.
const express = require('express');
const cors = require('cors');
const { onRequest } = require('firebase-functions/v2/https');
const { getFirestore } = require('firebase-admin/firestore');
const { initializeApp } = require('firebase-admin/app');

initializeApp();
const db = getFirestore();
const app = express();
const admin = express.Router();

app.use(cors({ origin: true }));

app.post('/feedback', async (req, res) => {
  const entry = { text: req.body.text, page: req.body.page, at: Date.now() };
  await db.collection('feedback').add(entry);
  res.status(201).json({ ok: true });
});

admin.delete('/feedback/:id', async (req, res) => {
  await db.collection('feedback').doc(req.params.id).delete();
  res.sendStatus(204);
});

app.use('/admin', admin);

// Local development only: the deployed function is `api`.
if (process.env.FUNCTIONS_EMULATOR !== 'true' && require.main === module) {
  app.listen(8080);
}

exports.api = onRequest({ region: 'europe-west1' }, app);
