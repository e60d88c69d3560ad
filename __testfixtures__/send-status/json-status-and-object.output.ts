import type { Request, Response } from 'express';
import * as ff from '@google-cloud/functions-framework';

ff.http('validate', (req: Request, res: Response) => {
  if (!req.body.email) {
    return res.status(400).json({ error: 'email required' });
  }
  res.status(200).json({ ok: true });
});
