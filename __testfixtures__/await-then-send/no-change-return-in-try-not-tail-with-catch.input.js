const functions = require('@google-cloud/functions-framework');
const { Storage } = require('@google-cloud/storage');

const bucket = new Storage().bucket('avatars');

functions.http('replaceAvatar', (req, res) => {
  try {
    if (req.query.remove) return bucket.file(`${req.query.uid}.png`).delete();
  } catch (err) {
    console.error(err);
  }
  res.status(400).send('nothing to do');
});
