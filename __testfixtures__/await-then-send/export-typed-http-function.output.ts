import type { HttpFunction } from '@google-cloud/functions-framework';
import { Firestore } from '@google-cloud/firestore';

const db = new Firestore();

export const saveLead: HttpFunction = async (req, res) => {
  await db.collection('leads').add({ email: req.body.email });
  res.sendStatus(200);
};

export const saveNote = (async (req, res) => {
  await db.collection('notes').add({ text: req.body.text });
  res.sendStatus(200);
}) satisfies HttpFunction;
