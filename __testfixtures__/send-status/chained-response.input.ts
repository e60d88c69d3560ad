import { onRequest } from 'firebase-functions/v2/https';

export const csv = onRequest((request, response) => {
  response
    .set('Content-Type', 'text/csv')
    .send(200, toCsv(request.body));
});
