exports.create = async (req, res) => {
  const doc = await db.collection('things').add(req.body);
  res.send(201, { id: doc.id });
};
