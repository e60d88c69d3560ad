import * as ff from '@google-cloud/functions-framework';
import { enqueue } from './queue';

ff.http('tabConcise', async (req: ff.Request, res: ff.Response) => {
	await enqueue(req.body);
	res.sendStatus(200);
});

export async function tabbed(req: ff.Request, res: ff.Response) {
	if (req.query.skip) {
		await enqueue({ skipped: true });
		res.sendStatus(200);
		return;
	}
	await enqueue(req.body);
	res.sendStatus(200);
}
