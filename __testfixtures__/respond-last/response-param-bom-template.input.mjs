import { onRequest } from 'firebase-functions/v2/https';

export const hello = onRequest((request, response) => {
  response.send(`Hello ${request.query.name}`);
  greetings.log(`greeted ${request.query.name}
    at ${Date.now()}`);
});
