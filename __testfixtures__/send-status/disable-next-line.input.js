exports.kept = (req, res) => {
  // sendlast-disable-next-line send-status -- old proxy needs this form
  res.send(200);
  // sendlast-disable-next-line
  res.send(code);
};
