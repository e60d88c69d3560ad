const functions = require('@google-cloud/functions-framework');
const { Storage } = require('@google-cloud/storage');

const storage = new Storage();

functions.http('archiveReport', async (req, res) => {
  const name = `reports/${req.query.day}.json`;
  try {
    await storage.bucket('acme-reports').file(name).save(JSON.stringify(req.body));
  } catch (err) {
    console.error(`could not archive ${name}`, err);
  }
});
