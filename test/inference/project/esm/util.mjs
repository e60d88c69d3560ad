// Shared helpers of the Functions Framework functions.
import { Firestore, FieldValue } from '@google-cloud/firestore';
import { PubSub } from '@google-cloud/pubsub';
import fetch from 'node-fetch';
import got from 'got';

export const firestore = new Firestore(); // @not-promise
const pubsub = new PubSub(); // @not-promise

export function slugify(text) {
  return String(text) // @not-promise
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export async function fetchJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' } }); // @promise
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}`);
  }
  return response.json(); // @promise
}

export function postJson(url, body) {
  return got.post(url, { json: body, timeout: { request: 5000 } }).json(); // @promise
}

export const saveEvent = async (event) => {
  const ref = await firestore.collection('events').add({ ...event, receivedAt: FieldValue.serverTimestamp() }); // @promise
  return ref.id; // @not-promise
};

export const eventRef = (id) => firestore.doc(`events/${id}`);

export function publishEvent(topicName, payload) {
  const topic = pubsub.topic(topicName); // @not-promise
  return topic.publishMessage({ json: payload }); // @promise
}

export function isoNow() {
  return new Date().toISOString(); // @not-promise
}

export class RateLimiter {
  constructor(limit) {
    this.limit = limit; // @either -- the constructor argument
    this.counts = new Map(); // @not-promise
  }

  allow(key) {
    const count = (this.counts.get(key) || 0) + 1; // @not-promise
    this.counts.set(key, count); // @not-promise
    return count <= this.limit; // @not-promise
  }

  async persist() {
    const batch = firestore.batch(); // @not-promise
    for (const [key, count] of this.counts) {
      batch.set(firestore.collection('rate').doc(key), { count }); // @not-promise
    }
    await batch.commit(); // @promise
    this.counts.clear(); // @not-promise
  }
}

export default function respondJson(res, status, body) {
  res.status(status).set('Content-Type', 'application/json').send(JSON.stringify(body)); // @either -- res is the caller's
}
