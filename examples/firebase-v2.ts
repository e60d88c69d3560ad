/**
 * Team invitations on Firebase Cloud Functions (firebase-functions v2, TypeScript).
 */
import { onRequest } from 'firebase-functions/v2/https';
import * as logger from 'firebase-functions/logger';
import { initializeApp } from 'firebase-admin/app';
import { getFirestore, FieldValue } from 'firebase-admin/firestore';

initializeApp();
const db = getFirestore();

interface InviteBody {
  teamId: string;
  email: string;
}

export const createInvite = onRequest({ region: 'europe-west1', cors: true }, async (req, res) => {
  const { teamId, email } = req.body as InviteBody;
  if (!teamId || !email) {
    res.status(400).json({ error: 'teamId and email are required' });
    return;
  }
  const invite = await db.collection(`teams/${teamId}/invites`).add({
    email,
    createdAt: FieldValue.serverTimestamp(),
  });
  res.status(201).json({ id: invite.id });
  await db.doc(`teams/${teamId}`).update({ pendingInvites: FieldValue.increment(1) });
  logger.info('Invite created', { teamId, inviteId: invite.id });
});

export const acceptInvite = onRequest({ region: 'europe-west1' }, (req, res) => {
  const teamId = String(req.query.team);
  const inviteId = String(req.query.invite);
  return db.runTransaction(async (tx) => {
    const inviteRef = db.doc(`teams/${teamId}/invites/${inviteId}`);
    const invite = await tx.get(inviteRef);
    tx.set(db.doc(`teams/${teamId}/members/${invite.get('email')}`), { joinedAt: FieldValue.serverTimestamp() });
    tx.delete(inviteRef);
    tx.update(db.doc(`teams/${teamId}`), { pendingInvites: FieldValue.increment(-1) });
  });
});

export const teamStats = onRequest(async (req, res) => {
  const members = await db.collection(`teams/${req.query.team}/members`).count().get();
  res.json({ members: members.data().count });
  res.end();
});
