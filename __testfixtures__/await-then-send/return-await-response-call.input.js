const functions = require('firebase-functions');
const { renderInvoicePdf } = require('./pdf');

exports.invoicePdf = functions.https.onRequest(async (req, res) => {
  const pdf = await renderInvoicePdf(req.query.id);
  res.set('Content-Type', 'application/pdf');
  return await res.status(200).send(pdf);
});
