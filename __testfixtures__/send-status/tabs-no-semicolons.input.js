exports.tabs = (req, res) => {
	if (req.query.ok) {
		res.send(201, "created")
		res.end()
	} else {
		res.redirect("/retry", 307)
	}
}
