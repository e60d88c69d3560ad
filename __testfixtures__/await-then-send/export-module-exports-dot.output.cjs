'use strict';

const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();

module.exports.deleteDraft = async function deleteDraft(req, res) {
  await firestore.collection('drafts').doc(req.query.id).delete();
  res.sendStatus(200);
};
