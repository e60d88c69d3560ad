const functions = require('firebase-functions');
exports.h = functions.https.onRequest(async (req, res) => {
  try {
    res.json(await work());
  } catch (e) {
    res.status(500).send();
  }
  await cleanup();
});
