import * as ff from '@google-cloud/functions-framework';
import { enqueue } from './queue';

ff.http('tabConcise', (req: ff.Request, res: ff.Response) => enqueue(req.body));

export function tabbed(req: ff.Request, res: ff.Response) {
	if (req.query.skip) {
		return enqueue({ skipped: true });
	}
	return enqueue(req.body);
}
