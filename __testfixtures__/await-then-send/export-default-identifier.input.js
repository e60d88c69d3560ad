import { Firestore } from '@google-cloud/firestore';

const firestore = new Firestore();

async function recordLogin(req, res) {
  return firestore.collection('logins').add({ uid: req.body.uid, at: new Date() });
}

export default recordLogin;
