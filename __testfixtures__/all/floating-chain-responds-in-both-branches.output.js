const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

// The `.then` callback answers on both branches; nothing answers a rejection.
exports.getCoupon = functions.https.onRequest(async (req, res) => {
  await admin
    .database()
    .ref(`/coupons/${req.query.code}`)
    .once('value')
    .then((snapshot) => {
      if (snapshot.exists()) {
        res.json({ code: req.query.code, discount: snapshot.child('discount').val() });
      } else {
        res.status(404).send('Unknown coupon');
      }
    });
});
