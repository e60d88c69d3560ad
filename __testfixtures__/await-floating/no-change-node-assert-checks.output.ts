import assert from 'node:assert';
import { strict as check } from 'assert';
import { onRequest } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';

// Node's assert throws or returns nothing: its checks are not promises left floating.
export const recordScore = onRequest(async (req, res) => {
  const { player, score } = req.body;
  assert(typeof player === 'string', 'player must be a string');
  assert.ok(Number.isInteger(score));
  check.equal(score >= 0, true);
  await getFirestore().collection('scores').add({ player, score });
  res.status(201).json({ player, score });
});
