'use strict';
// Writes a draft to Firestore.
const { getFirestore } = require('firebase-admin/firestore');

module.exports.save = async function save(id, draft) {
  await getFirestore().collection('drafts').doc(id).set(draft); // @promise
  return id; // @either -- the argument
};
