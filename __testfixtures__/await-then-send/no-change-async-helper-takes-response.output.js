const functions = require('firebase-functions');
const admin = require('firebase-admin');
const { sendThumbnail } = require('./thumbnails');

admin.initializeApp();

exports.thumbnail = functions.https.onRequest((req, res) => {
  const { name, width } = req.query;
  sendThumbnail(name, Number(width), res);
  return admin.firestore().collection('thumbnail-requests').add({ name, width, at: Date.now() });
});
