const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.exportUsers = functions.https.onRequest(async (req, res) => {
  const toRow = function (doc) {
    return [doc.id, doc.get('email')].join(',');
  };
  await admin
    .firestore()
    .collection('users')
    .get()
    .then((snapshot) => {
      const rows = snapshot.docs.filter((doc) => {
        return !doc.get('deleted');
      });
      return admin.storage().bucket().file('exports/users.csv').save(rows.map(toRow).join('\n'));
    });
  res.sendStatus(200);
});
