const functions = require('@google-cloud/functions-framework');
const { charge } = require('./billing');

functions.http('charge', async (req, res, next) => {
  try {
    await charge(req.body);
    res.sendStatus(204);
  } catch (err) {
    res.status(500).send(err.message);
    next(err);
  }
});
