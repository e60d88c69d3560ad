const functions = require('firebase-functions');
const { handleSlackCommand } = require('./slack');

exports.slackCommand = functions.https.onRequest(async (req, res) => {
  // Slack needs an acknowledgement within 3 seconds.
  res.status(200).send('Working on it...');
  await handleSlackCommand(req.body);
});
