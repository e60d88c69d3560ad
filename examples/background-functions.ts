/**
 * Event-driven and callable functions. None of these is an HTTP handler: returning (or awaiting)
 * the promise is exactly right here, so sendlast must leave this file alone.
 */
import * as functions from 'firebase-functions/v1';
import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { onMessagePublished } from 'firebase-functions/v2/pubsub';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { onObjectFinalized } from 'firebase-functions/v2/storage';
import { initializeApp } from 'firebase-admin/app';
import { getFirestore, FieldValue } from 'firebase-admin/firestore';
import { getStorage } from 'firebase-admin/storage';
import { summarize } from './llm';

initializeApp();
const db = getFirestore();

// Pub/Sub (v1): count each published order event.
export const countOrderEvents = functions.pubsub.topic('order-events').onPublish((message, context) => {
  return db.doc(`stats/${message.json.type}`).set({ count: FieldValue.increment(1), lastEventId: context.eventId }, { merge: true });
});

// Firestore (v1): keep a denormalised author name on every new post.
export const stampAuthor = functions.firestore.document('posts/{postId}').onCreate((snap, context) => {
  return db.doc(`users/${snap.get('authorId')}`).get().then((author) => snap.ref.update({ authorName: author.get('name') }));
});

// Callable (v1): (data, context).
export const addComment = functions.https.onCall((data, context) => {
  if (!context.auth) {
    throw new functions.https.HttpsError('unauthenticated', 'Sign in to comment');
  }
  return db.collection(`posts/${data.postId}/comments`).add({ text: data.text, uid: context.auth.uid });
});

// Firestore (v2).
export const welcomeMember = onDocumentCreated('teams/{teamId}/members/{memberId}', (event) => {
  return db.collection('mail').add({ to: event.params.memberId, template: 'welcome' });
});

// Pub/Sub (v2).
export const archiveTodo = onMessagePublished('todo-events', async (event) => {
  const { id, done } = event.data.message.json;
  if (done) {
    return db.doc(`todos/${id}`).update({ archivedAt: FieldValue.serverTimestamp() });
  }
});

// Scheduler (v2).
export const purgeExpiredInvites = onSchedule('every day 03:00', async () => {
  const expired = await db.collectionGroup('invites').where('expiresAt', '<', new Date()).get();
  await Promise.all(expired.docs.map((doc) => doc.ref.delete()));
});

// Storage (v2).
export const tagUpload = onObjectFinalized({ bucket: 'acme-uploads' }, (event) => {
  return getStorage().bucket(event.data.bucket).file(event.data.name).setMetadata({ metadata: { scanned: 'pending' } });
});

// Callable (v2) with streaming: `response` here is a callable stream, not an HTTP response.
export const summarizeThread = onCall(async (request, response) => {
  if (!request.auth) {
    throw new HttpsError('unauthenticated', 'Sign in first');
  }
  const stream = await summarize(request.data.threadId);
  for await (const chunk of stream) {
    response?.sendChunk(chunk);
  }
  return stream.text();
});
