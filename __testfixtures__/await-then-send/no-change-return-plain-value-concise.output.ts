import { onRequest } from 'firebase-functions/v2/https';

export const pong = onRequest((req, res) => 'pong');

export const build = onRequest((req, res) => {
  return [process.env.K_SERVICE, process.env.K_REVISION];
});
