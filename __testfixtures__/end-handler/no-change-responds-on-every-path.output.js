const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();

functions.http('updateStock', async (req, res) => {
  const { sku, delta } = req.body;
  if (!sku) return res.status(400).send('sku required');
  if (typeof delta !== 'number') {
    res.status(400).send('delta must be a number');
    return;
  }
  try {
    const ref = firestore.doc(`stock/${sku}`);
    const count = await firestore.runTransaction(async (tx) => {
      const current = (await tx.get(ref)).get('count') || 0;
      tx.set(ref, { count: current + delta }, { merge: true });
      return current + delta;
    });
    res.json({ sku, count });
  } catch (err) {
    console.error(err);
    if (!res.headersSent) res.status(500).send('could not update the stock');
  }
});
