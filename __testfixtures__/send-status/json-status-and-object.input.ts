import type { Request, Response } from 'express';
import * as ff from '@google-cloud/functions-framework';

ff.http('validate', (req: Request, res: Response) => {
  if (!req.body.email) {
    return res.json(400, { error: 'email required' });
  }
  res.json(200, { ok: true });
});
