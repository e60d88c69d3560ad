import express, { Request, Response } from 'express';

const app = express();

app.post('/items', async (req: Request, res: Response) => {
  const item = await items.create(req.body);
  res
    .status(201)
    .set('Location', `/items/${item.id}`)
    .json(item);
  await search.index(item);
});
