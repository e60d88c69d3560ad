import { Router, type Request, type Response } from 'express';
import { getFirestore } from 'firebase-admin/firestore';

const db = getFirestore();
const router = Router();

router.patch('/carts/:id', (req: Request, res: Response) => {
  return db.doc(`carts/${req.params.id}`).update(req.body);
});

export default router;
