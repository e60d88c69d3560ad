const { Storage } = require('@google-cloud/storage');

const bucket = new Storage().bucket('user-uploads');

async function upload(req, res) {
  await bucket.file(`incoming/${req.query.name}`).save(req.rawBody);
  res.sendStatus(200);
}

const list = (req, res) => {
  return bucket.getFiles({ prefix: 'incoming/' }).then(([files]) => {
    res.json(files.map((file) => file.name));
  });
};

module.exports = {
  upload,
  list,
  async remove(req, res) {
    await bucket.file(`incoming/${req.query.name}`).delete();
    res.sendStatus(200);
  },
};
