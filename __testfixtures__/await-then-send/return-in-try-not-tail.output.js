const functions = require('@google-cloud/functions-framework');
const { Storage } = require('@google-cloud/storage');

const bucket = new Storage().bucket('avatars');

functions.http('replaceAvatar', async (req, res) => {
  try {
    if (req.query.remove) {
      await bucket.file(`${req.query.uid}.png`).delete();
      res.sendStatus(200);
      return;
    }
  } catch (err) {
    console.error(err);
  }
  res.status(400).send('nothing to do');
});
