import * as ff from '@google-cloud/functions-framework';
import { Firestore } from '@google-cloud/firestore';
import type { Request, Response } from '@google-cloud/functions-framework';

const firestore = new Firestore();

ff.http('redeemCoupon', async (req: Request, res: Response) => {
  const code = String(req.body.code || '');
  const coupon = await firestore.doc(`coupons/${code}`).get();
  if (!coupon.exists || coupon.get('redeemed')) {
    res.status(404).json({ error: 'no such coupon' });
    console.warn('coupon rejected', code);
  }
  await coupon.ref.update({ redeemed: true, redeemedAt: new Date() });
  res.json({ discount: coupon.get('discount') });
});
