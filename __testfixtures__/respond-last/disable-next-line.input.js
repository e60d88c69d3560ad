const { onRequest } = require('firebase-functions/v2/https');

// Slack wants an answer within 3 seconds: acknowledge first, on purpose.
exports.slack = onRequest(async (req, res) => {
  // sendlast-disable-next-line respond-last -- must acknowledge fast
  res.status(200).send();
  await handleSlackEvent(req.body);
});

exports.other = onRequest(async (req, res) => {
  res.status(200).send();
  // sendlast-disable-next-line respond-last
  await handleOther(req.body);
});
