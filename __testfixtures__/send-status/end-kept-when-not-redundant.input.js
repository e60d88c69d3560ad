exports.stream = (req, res) => {
  res.write('part');
  res.end();
};

exports.file = (req, res) => {
  res.sendFile('/tmp/report.pdf');
  res.end();
};

exports.data = (req, res) => {
  res.send('a');
  res.end('b');
};

exports.commented = (req, res) => {
  res.send('a');
  res.end(); // flush for old proxies
};

exports.apart = (req, res) => {
  res.json({});
  log('x');
  res.end();
};
