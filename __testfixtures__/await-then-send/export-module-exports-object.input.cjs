const { Storage } = require('@google-cloud/storage');

const bucket = new Storage().bucket('user-uploads');

function upload(req, res) {
  return bucket.file(`incoming/${req.query.name}`).save(req.rawBody);
}

const list = (req, res) => {
  return bucket.getFiles({ prefix: 'incoming/' }).then(([files]) => {
    res.json(files.map((file) => file.name));
  });
};

module.exports = {
  upload,
  list,
  remove(req, res) {
    return bucket.file(`incoming/${req.query.name}`).delete();
  },
};
