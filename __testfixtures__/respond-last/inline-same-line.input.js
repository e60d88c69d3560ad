exports.inline = async (req, res) => {
  res.send('ok'); log.write('done'); await flush();
};

exports.block = async (req, res) => {
  if (req.query.x) { res.end(); track(req.query.x); }
};
