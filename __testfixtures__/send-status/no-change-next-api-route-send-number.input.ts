import type { NextApiRequest, NextApiResponse } from 'next';

// A Next.js API route: its res.send(body) has no status form (res.send(200) sends the JSON body
// 200) and its response has no sendStatus, so the Express 4 rewrites do not apply.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { slug } = req.query;
  await fetch(`${process.env.SEARCH_URL}/reindex/${slug}`, { method: 'POST' });
  res.send(200);
}
