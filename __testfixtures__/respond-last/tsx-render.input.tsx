import type { Request, Response } from 'express';
import { renderToString } from 'react-dom/server';

export function page(req: Request, res: Response) {
  res.send(renderToString(<Page path={req.path} />));
  pageViews.add(req.path);
}
