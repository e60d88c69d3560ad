import * as admin from 'firebase-admin';

const db = admin.firestore();

// Wired elsewhere as a Firestore onCreate trigger; the parameters only happen to be named like a
// request and a response. Nothing here registers it as an HTTP function and it uses neither.
exports.handler = (req, res) => {
  const ref = db.doc('stats/restaurants');
  return ref
    .get()
    .then((doc) => doc.data().counter)
    .then((counter) => {
      ref.update({ counter: counter + 1 });
    })
    .catch((e) => console.log(e));
};
