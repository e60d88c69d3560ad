const functions = require('firebase-functions');

exports.onUserCreate = functions.firestore.document('users/{id}').onCreate((snap, context) => {
  notify(snap.data());
  return mail.send(snap.data().email);
});

exports.callable = functions.https.onCall((data, context) => {
  const response = { ok: true };
  audit.write(data);
  return response;
});

exports.topic = functions.pubsub.topic('jobs').onPublish((message, context) => {
  message.json.send();
  log(message);
});
