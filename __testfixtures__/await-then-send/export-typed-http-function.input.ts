import type { HttpFunction } from '@google-cloud/functions-framework';
import { Firestore } from '@google-cloud/firestore';

const db = new Firestore();

export const saveLead: HttpFunction = (req, res) => {
  return db.collection('leads').add({ email: req.body.email });
};

export const saveNote = ((req, res) => {
  return db.collection('notes').add({ text: req.body.text });
}) satisfies HttpFunction;
