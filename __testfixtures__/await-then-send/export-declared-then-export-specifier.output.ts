import type { Request, Response } from 'express';
import { getAuth } from 'firebase-admin/auth';

async function setClaims(req: Request, res: Response) {
  await getAuth().setCustomUserClaims(req.body.uid, { admin: true });
  res.sendStatus(200);
}

export { setClaims as grantAdmin };
