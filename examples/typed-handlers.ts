/**
 * Reporting endpoints with typed Functions Framework handlers (TypeScript).
 */
import * as ff from '@google-cloud/functions-framework';
import type { Request, Response } from 'express';
import { BigQuery } from '@google-cloud/bigquery';
import { Storage } from '@google-cloud/storage';

const bigquery = new BigQuery();
const reports = new Storage().bucket('acme-reports');

interface PageView {
  path: string;
  referrer: string | null;
  viewedAt: string;
}

function recordPageView(req: ff.Request, res: ff.Response) {
  const row: PageView = {
    path: String(req.body.path),
    referrer: req.get('referer') ?? null,
    viewedAt: new Date().toISOString(),
  };
  return bigquery.dataset('analytics').table('page_views').insert([row]);
}

ff.http('recordPageView', recordPageView);

export const dailyReport: ff.HttpFunction = async (req, res) => {
  const [rows] = await bigquery.query({
    query: 'SELECT path, COUNT(*) AS views FROM analytics.page_views WHERE DATE(viewedAt) = @day GROUP BY path',
    params: { day: String(req.query.day) },
  });
  const csv = rows.map((row: { path: string; views: number }) => `${row.path},${row.views}`).join('\n');
  res.send(200);
  await reports.file(`daily/${req.query.day}.csv`).save(csv, { contentType: 'text/csv' });
};

export async function health(req: Request, res: Response): Promise<void> {
  const [exists] = await reports.exists();
  res.json({ ok: exists });
  res.end();
}
