const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.touch = functions.https.onRequest((req, res) => admin.firestore().doc('meta/lastTouch').set({ at: Date.now() }));
