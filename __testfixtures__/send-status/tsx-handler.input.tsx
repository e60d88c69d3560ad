import type { Request, Response } from 'express';

export default function page(req: Request, res: Response) {
  res.send(200, render(<App url={req.url} />));
}
