// Known false negative: a number held in a variable whose name does not look like a status is
// neither rewritten nor reported (Express 4 sends it as a status, Express 5 as a JSON body).
exports.count = (req, res) => {
  const n = 404;
  res.send(n);
};
