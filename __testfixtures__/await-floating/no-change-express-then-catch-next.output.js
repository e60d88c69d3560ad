const express = require('express');
const admin = require('firebase-admin');

admin.initializeApp();
const router = express.Router();

router.get('/profiles/:uid', (req, res, next) => {
  admin
    .firestore()
    .collection('profiles')
    .doc(req.params.uid)
    .get()
    .then((doc) => res.json(doc.data()))
    .catch(next);
});

module.exports = router;
