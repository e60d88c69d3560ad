import type { NextApiRequest, NextApiResponse } from 'next';
import { prisma } from '@/lib/prisma';

// DELETE /api/posts/[id] (pages/api/posts/[id].ts), a Next.js API route: it imports from 'next'.
// Its response has no sendStatus: the response added after the awaited delete is
// res.status(200).end().
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'DELETE') {
    res.setHeader('Allow', 'DELETE');
    return res.status(405).end();
  }
  const id = String(req.query.id);
  return prisma.post
    .delete({ where: { id } })
    .catch((error: unknown) => res.status(500).json({ error: String(error) }));
}
