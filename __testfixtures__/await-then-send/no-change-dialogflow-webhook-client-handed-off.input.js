const functions = require('firebase-functions');
const { WebhookClient } = require('dialogflow-fulfillment');

exports.dialogflowFulfillment = functions.https.onRequest((request, response) => {
  const agent = new WebhookClient({ request, response });

  function welcome(agent) {
    agent.add('Welcome to the pizza shop!');
  }

  const intentMap = new Map();
  intentMap.set('Default Welcome Intent', welcome);
  // The agent sends the response once the intent handler is done.
  return agent.handleRequest(intentMap);
});
