import type { Request, Response } from 'express';
import { getAuth } from 'firebase-admin/auth';

function setClaims(req: Request, res: Response) {
  return getAuth().setCustomUserClaims(req.body.uid, { admin: true });
}

export { setClaims as grantAdmin };
