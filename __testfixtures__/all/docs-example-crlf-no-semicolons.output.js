exports.handler = async (req, res) => {
  await Promise.resolve()
  res.sendStatus(200)
}
