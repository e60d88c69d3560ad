'use strict';
// Sends a JSON error in the shape every endpoint uses.
module.exports = function sendError(res, status, message) {
  res.status(status).json({ error: { status, message } }); // @either -- res is whatever the caller passes
};
