import * as ff from '@google-cloud/functions-framework';

ff.http('tabs', async (req, res) => {
	if (req.method === 'POST') {
		await store.put(req.body);
		res.json({ saved: true });
	}
});
