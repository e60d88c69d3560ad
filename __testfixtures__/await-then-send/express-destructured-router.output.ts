import { Router, type Request, type Response } from 'express';
import { getFirestore } from 'firebase-admin/firestore';

const db = getFirestore();
const router = Router();

router.patch('/carts/:id', async (req: Request, res: Response) => {
  await db.doc(`carts/${req.params.id}`).update(req.body);
  res.sendStatus(200);
});

export default router;
