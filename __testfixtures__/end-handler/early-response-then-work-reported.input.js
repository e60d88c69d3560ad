const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();
const cache = new Map();

functions.http('exchangeRates', async (req, res) => {
  const base = String(req.query.base || 'EUR');
  if (cache.has(base)) res.json(cache.get(base));
  const snapshot = await firestore.doc(`rates/${base}`).get();
  cache.set(base, snapshot.data());
});
