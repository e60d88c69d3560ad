'use strict';

const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();

module.exports.deleteDraft = function deleteDraft(req, res) {
  return firestore.collection('drafts').doc(req.query.id).delete();
};
