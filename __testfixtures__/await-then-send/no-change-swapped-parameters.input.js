const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

// The parameter names are swapped: `res` is the request here.
exports.saveNote = functions.https.onRequest((res, req) => {
  return admin.firestore().collection('notes').add(res.body);
});
