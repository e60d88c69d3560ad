const functions = require('firebase-functions');

exports.sync = functions.https.onRequest(async (req, res) => {
  try {
    const result = await syncAccounts();
    res.json(result);
  } catch (e) {
    res.status(500).send();
  }
  await cleanup();
});
