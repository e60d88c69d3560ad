import type { Request, Response } from 'express';

export const legacy = (req: Request, res: Response): boolean => {
  res.end();
  // keep the counter
  counters.bump('legacy');
  return true;
};
