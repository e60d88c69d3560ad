import * as ff from '@google-cloud/functions-framework';

ff.http('tabs', (req, res) => {
	if (req.method === 'POST') {
		res.json({ saved: true });
		store.put(req.body);
	}
});
