const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('claimCoupon', (req, res) => {
  return db.runTransaction(async (tx) => {
    const ref = db.doc(`coupons/${req.body.code}`);
    const coupon = await tx.get(ref);
    tx.update(ref, { claimed: true });
    return coupon;
  }).then((coupon) => {
    if (coupon.get('claimed')) res.status(409).send('already claimed');
  });
});
