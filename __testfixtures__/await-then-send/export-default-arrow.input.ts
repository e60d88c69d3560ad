import type { Request, Response } from 'express';
import { sendWelcomeEmail } from './mail';

export default (req: Request, res: Response) => {
  return sendWelcomeEmail(req.body.email);
};
