const functions = require('@google-cloud/functions-framework');

function badRequest(res, message) {
  res.status(400).send({ error: message });
}

functions.http('createInvoice', async (req, res) => {
  const { customerId, lines } = req.body;
  if (!customerId) return badRequest(res, 'customerId is required');
  if (!Array.isArray(lines)) return badRequest(res, 'lines must be a list');
  res.status(201).json({ customerId, total: lines.length });
});
