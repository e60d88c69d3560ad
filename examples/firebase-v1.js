/**
 * Firebase Cloud Functions (firebase-functions v1 API): a link shortener.
 */
const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.createLink = functions.region('europe-west1').https.onRequest((req, res) => {
  const { url, slug } = req.body;
  return db
    .collection('links')
    .doc(slug)
    .set({ url, hits: 0, createdAt: admin.firestore.FieldValue.serverTimestamp() })
    .then(() => {
      res.json(201, { slug, shortUrl: `https://sho.rt/${slug}` });
    });
});

exports.followLink = functions.region('europe-west1').https.onRequest(async (req, res) => {
  const slug = req.path.slice(1);
  const doc = await db.collection('links').doc(slug).get();
  if (!doc.exists) {
    return res.status(404).send('Unknown link');
  }
  res.redirect(doc.get('url'), 301);
  db.collection('links').doc(slug).update({ hits: admin.firestore.FieldValue.increment(1) });
});

exports.exportLinks = functions
  .runWith({ timeoutSeconds: 300, memory: '1GB' })
  .https.onRequest((req, res) => {
    res.status(202).send('Export accepted');
    return db
      .collection('links')
      .get()
      .then((snapshot) => {
        const rows = snapshot.docs.map((doc) => `${doc.id},${doc.get('url')},${doc.get('hits')}`);
        return admin.storage().bucket().file('exports/links.csv').save(rows.join('\n'));
      });
  });

// Counts a click: the counter update and the click log are started and never awaited.
exports.countClick = functions.region('europe-west1').https.onRequest((req, res) => {
  const slug = String(req.query.slug);
  db.collection('links').doc(slug).update({ clicks: admin.firestore.FieldValue.increment(1) });
  admin
    .database()
    .ref(`/clicks/${slug}`)
    .push({ at: Date.now(), referrer: req.get('referer') || null })
    .then((ref) => {
      res.status(201).json({ click: ref.key });
    });
});
