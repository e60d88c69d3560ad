import { onRequest } from 'firebase-functions/v2/https';

export const save = onRequest(async (req, res) => {
  await db.collection('items').add(req.body);
  console.log('saved');
  res.status(201).send({ ok: true });
});
