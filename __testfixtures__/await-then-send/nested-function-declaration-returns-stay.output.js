const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('bulkTag', async (req, res) => {
  function tagDoc(id) {
    if (!id) return Promise.resolve();
    return db.doc(`items/${id}`).update({ tags: req.body.tags });
  }

  await Promise.all(req.body.ids.map(tagDoc));
  res.sendStatus(200);
});
