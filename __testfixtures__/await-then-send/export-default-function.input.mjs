import { Firestore } from '@google-cloud/firestore';

const firestore = new Firestore();

export default function (req, res) {
  return firestore.collection('feedback').add({ text: req.body.text, at: new Date() });
}
