import { onRequest } from 'firebase-functions/v2/https';

export const hello = onRequest(async (request, response) => {
  await greetings.log(`greeted ${request.query.name}
    at ${Date.now()}`);
  response.send(`Hello ${request.query.name}`);
});
