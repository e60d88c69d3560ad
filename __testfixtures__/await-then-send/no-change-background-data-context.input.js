const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();

// Legacy Cloud Functions background trigger: (data, context).
exports.onUserDeleted = (data, context) => {
  return firestore.doc(`profiles/${data.uid}`).delete();
};
