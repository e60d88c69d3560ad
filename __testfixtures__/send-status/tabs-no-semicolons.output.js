exports.tabs = (req, res) => {
	if (req.query.ok) {
		res.status(201).send("created")
	} else {
		res.redirect(307, "/retry")
	}
}
