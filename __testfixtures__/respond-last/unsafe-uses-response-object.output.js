exports.session = async (req, res) => {
  res.json({ ok: true });
  await sessions.touch(res.locals.sessionId);
};

exports.flushed = async (req, res) => {
  res.end();
  if (!res.headersSent) await log('not sent?');
};
