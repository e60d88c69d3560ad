// A clinic search: the schedule reads run in a chain that floats inside the `.then` callback of
// the doctor query. The outer `.catch` never sees its rejection, so a failed schedule read leaves
// the request without a response. Nested callbacks are not rewritten: reported (return it).
const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.searchDoctors = functions.https.onRequest((req, res) => {
  const speciality = String(req.query.speciality || '');
  db.collection('doctors')
    .where('specialities', 'array-contains', speciality)
    .get()
    .then((snap) => {
      const ids = snap.docs.map((doc) => doc.id);
      Promise.all(ids.map((id) => db.doc(`schedules/${id}`).get())).then((schedules) => {
        res.json(schedules.map((schedule) => schedule.data()));
      });
    })
    .catch((err) => res.status(500).send(err.message));
});

// The inner chain has a rejection handler, but it only logs.
exports.clinicHours = functions.https.onRequest((req, res) => {
  db.doc(`clinics/${req.query.id}`)
    .get()
    .then((clinic) => {
      db.doc(`hours/${clinic.id}`)
        .get()
        .then((hours) => res.json({ clinic: clinic.data(), hours: hours.data() }))
        .catch((err) => console.error('hours lookup failed', err));
    })
    .catch(() => res.status(404).send('no such clinic'));
});

// Returned from the callback, the inner chain is part of the outer one: its rejection reaches
// the outer `.catch`. Not reported.
exports.searchNurses = functions.https.onRequest((req, res) => {
  db.collection('nurses')
    .get()
    .then((snap) => {
      return Promise.all(snap.docs.map((doc) => db.doc(`rotas/${doc.id}`).get())).then((rotas) => {
        res.json(rotas.map((rota) => rota.data()));
      });
    })
    .catch((err) => res.status(500).send(err.message));
});

// The inner chain answers on both paths: not reported.
exports.wards = functions.https.onRequest((req, res) => {
  db.collection('wards')
    .get()
    .then(() => {
      db.collection('beds')
        .get()
        .then((beds) => res.json({ free: beds.size }))
        .catch((err) => res.status(500).send(err.message));
    })
    .catch((err) => res.status(500).send(err.message));
});
