const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.exportUsers = functions.https.onRequest((req, res) => {
  const toRow = function (doc) {
    return [doc.id, doc.get('email')].join(',');
  };
  return admin
    .firestore()
    .collection('users')
    .get()
    .then((snapshot) => {
      const rows = snapshot.docs.filter((doc) => {
        return !doc.get('deleted');
      });
      return admin.storage().bucket().file('exports/users.csv').save(rows.map(toRow).join('\n'));
    });
});
