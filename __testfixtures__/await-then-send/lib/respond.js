// Response helpers shared by the functions in this folder's fixtures.
function sendError(res, status, message) {
  res.status(status).json({ error: message });
}

module.exports = { sendError };
