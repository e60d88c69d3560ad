const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();

// A Cloud Functions entry point that sets a header and never responds. Exported functions that
// use their response without ever sending one look like helpers (`setCorsHeaders(req, res)`), so
// this one is left alone without a finding.
exports.warmCache = async (req, res) => {
  res.set('Cache-Control', 'no-store');
  await firestore.doc('cache/warm').set({ at: new Date() });
};
