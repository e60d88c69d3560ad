import { Firestore } from '@google-cloud/firestore';

const firestore = new Firestore();

async function recordLogin(req, res) {
  await firestore.collection('logins').add({ uid: req.body.uid, at: new Date() });
  res.sendStatus(200);
}

export default recordLogin;
