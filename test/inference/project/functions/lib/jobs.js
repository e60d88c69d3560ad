'use strict';
// Nightly maintenance, also started by hand from an endpoint.
const admin = require('firebase-admin');
const { Storage } = require('@google-cloud/storage');

const firestore = admin.firestore(); // @not-promise
const bucket = new Storage().bucket('acme-uploads'); // @not-promise

async function deleteCollection(path, batchSize) {
  const query = firestore.collection(path).orderBy('__name__').limit(batchSize); // @not-promise
  for (;;) {
    const snapshot = await query.get(); // @promise
    if (snapshot.size === 0) return;
    const batch = firestore.batch(); // @not-promise
    snapshot.docs.forEach((doc) => batch.delete(doc.ref)); // @not-promise
    await batch.commit(); // @promise
  }
}

function pruneUploads(prefix) {
  return bucket // @promise
    .getFiles({ prefix })
    .then(([files]) => files.filter((file) => Date.parse(file.metadata.updated) < Date.now() - 30 * 864e5))
    .then((old) => Promise.all(old.map((file) => file.delete())));
}

module.exports = async function runMaintenance(options = {}) {
  const started = Date.now(); // @not-promise
  await deleteCollection('sessions', options.batchSize || 200); // @promise
  const removed = await pruneUploads('tmp/'); // @promise
  await firestore.collection('maintenance').add({ started, removed: removed.length, finished: Date.now() }); // @promise
  return { removed: removed.length, ms: Date.now() - started }; // @not-promise
};

module.exports.deleteCollection = deleteCollection;
module.exports.pruneUploads = pruneUploads;
