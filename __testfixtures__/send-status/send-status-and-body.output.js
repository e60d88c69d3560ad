exports.create = async (req, res) => {
  const doc = await db.collection('things').add(req.body);
  res.status(201).send({ id: doc.id });
};
