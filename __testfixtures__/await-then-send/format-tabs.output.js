const functions = require("@google-cloud/functions-framework");
const { Firestore } = require("@google-cloud/firestore");

const db = new Firestore();

functions.http("tabbed", async (req, res) => {
	const id = req.query.id;
	if (!id) {
		await db.collection("anonymous").add(req.body);
		res.sendStatus(200);
		return;
	}
	await db.doc(`named/${id}`).set(req.body);
	res.sendStatus(200);
});
