import * as functions from 'firebase-functions';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { getFirestore } from 'firebase-admin/firestore';

export const nightlyCleanup = functions.pubsub.schedule('every day 03:00').onRun((context) => {
  return getFirestore().recursiveDelete(getFirestore().collection('tmp'));
});

export const hourlyRollup = onSchedule('every 60 minutes', async (event) => {
  return getFirestore().doc('rollups/latest').set({ at: event.scheduleTime });
});
