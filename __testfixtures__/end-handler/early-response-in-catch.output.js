const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();

functions.http('getInvoice', async (req, res) => {
  let invoice;
  try {
    const snapshot = await firestore.doc(`invoices/${req.query.id}`).get();
    invoice = snapshot.data();
  } catch (err) {
    console.error(err);
    res.status(502).send('could not load the invoice');
    return;
  }
  res.json({ id: req.query.id, total: invoice.total });
});
