// Known false negative: the response is sent by a helper that receives `res`; only response
// statements on the handler's own binding (`res.send(...)`) start a response group.
exports.ok = async (req, res) => {
  sendJson(res, { ok: true });
  await audit.write(req.body);
};
