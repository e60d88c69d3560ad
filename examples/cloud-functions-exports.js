/**
 * Newsletter endpoints for Cloud Functions (1st gen style: `exports.name = (req, res) => ...`).
 */
const { Firestore } = require('@google-cloud/firestore');
const { PubSub } = require('@google-cloud/pubsub');

const firestore = new Firestore();
const pubsub = new PubSub();

exports.subscribe = (req, res) => {
  const email = String(req.body.email || '').trim().toLowerCase();
  if (!email.includes('@')) {
    return res.status(400).send('A valid email address is required');
  }
  return firestore.collection('subscribers').doc(email).set({
    email,
    source: req.body.source || 'website',
    subscribedAt: new Date(),
  });
};

exports.unsubscribe = (req, res) => {
  const email = String(req.query.email || '').toLowerCase();
  res.json({ unsubscribed: email });
  res.end();
  return firestore.collection('subscribers').doc(email).delete();
};

exports.contact = (req, res) => {
  res.status(200).send('Thanks! We will get back to you soon.');
  pubsub.topic('contact-requests').publishMessage({ json: req.body });
  console.log('Contact request from', req.body.email);
};
