import type { Request, Response } from 'express';

// Helpers other handlers call: they take the response but leave responding to their caller.
export function setCorsHeaders(req: Request, res: Response): void {
  res.set('Access-Control-Allow-Origin', req.get('Origin') || '*');
  res.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
}

export function requireAdmin(req: Request, res: Response): boolean {
  if (req.get('X-Role') !== 'admin') {
    res.status(403).send('admins only');
    return false;
  }
  return true;
}
