import { Firestore } from '@google-cloud/firestore';

const firestore = new Firestore();

export default async function (req, res) {
  await firestore.collection('feedback').add({ text: req.body.text, at: new Date() });
  res.sendStatus(200);
}
