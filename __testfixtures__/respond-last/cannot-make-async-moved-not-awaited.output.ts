import type { Request, Response } from 'express';

export const legacy = (req: Request, res: Response): boolean => {
  // keep the counter
  counters.bump('legacy');
  res.end();
  return true;
};
