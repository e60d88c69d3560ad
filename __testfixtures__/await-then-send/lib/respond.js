// Response helpers shared by the functions in this folder's fixtures.
function sendError(res, status, message) {
  res.status(status).json({ error: message });
}

// Returns what Express returns (the response), so that a route can `return sendJsonError(...)`.
function sendJsonError(res, status, message, details) {
  const payload = { error: message, ...(details ? { details } : {}) };
  return res.status(status).json(payload);
}

module.exports = { sendError, sendJsonError };
