import type { Request, Response } from 'express';
import { sendWelcomeEmail } from './mail';

export default async (req: Request, res: Response) => {
  await sendWelcomeEmail(req.body.email);
  res.sendStatus(200);
};
