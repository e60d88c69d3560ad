const functions = require("@google-cloud/functions-framework");
const { Firestore } = require("@google-cloud/firestore");

const db = new Firestore();

functions.http("tabbed", (req, res) => {
	const id = req.query.id;
	if (!id) return db.collection("anonymous").add(req.body);
	return db.doc(`named/${id}`).set(req.body);
});
