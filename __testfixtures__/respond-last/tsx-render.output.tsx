import type { Request, Response } from 'express';
import { renderToString } from 'react-dom/server';

export async function page(req: Request, res: Response) {
  await pageViews.add(req.path);
  res.send(renderToString(<Page path={req.path} />));
}
