// The handler responds eagerly in a chain argument: it has responded (too early) on every path,
// so no response is added after it.
const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.saveCampus = functions.https.onRequest((req, res) => {
  if (!Array.isArray(req.body.courses) || req.body.courses.length < 1) {
    res.status(400).send('at least one course is needed');
  } else {
    admin
      .firestore()
      .collection('campuses')
      .add(req.body)
      .then(res.status(201).send(req.body))
      .catch((err) => {
        console.log(err);
      });
  }
});
