const functions = require('@google-cloud/functions-framework');
const { readFileSync } = require('fs');
const { unlink } = require('fs/promises');
const { renderInvoicePdf } = require('./pdf');

functions.http('invoicePdf', async (req, res) => {
  const file = await renderInvoicePdf(req.query.id);
  res.type('application/pdf').send(readFileSync(file));
  await unlink(file);
});
