import type { Request, Response } from 'express';

export default function page(req: Request, res: Response) {
  res.status(200).send(render(<App url={req.url} />));
}
