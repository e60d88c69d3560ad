const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.cloudEvent('onAuditLog', (cloudEvent) => {
  return db.collection('audit').add({ type: cloudEvent.type, subject: cloudEvent.subject });
});
