// Known limitation: a handler registered through a member expression (handlers.sync) is not followed to its function.
const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

const handlers = {
  sync: (req, res) => {
    return db.doc('sync/state').set({ at: Date.now() });
  },
};

functions.http('sync', handlers.sync);
