exports.inline = async (req, res) => {
  await log.write('done'); await flush(); res.send('ok');
};

exports.block = async (req, res) => {
  if (req.query.x) { await track(req.query.x); res.end(); }
};
