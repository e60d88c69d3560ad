import functions from '@google-cloud/functions-framework';
import { Firestore } from '@google-cloud/firestore';

const db = new Firestore();

functions.http('getProfile', (req, res) => {
  function sendProfile(doc) {
    if (!doc.exists) {
      res.status(404).send('no such profile');
      return;
    }
    res.json(doc.data());
  }

  return db.doc(`profiles/${req.query.uid}`).get().then(sendProfile);
});
