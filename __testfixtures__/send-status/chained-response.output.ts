import { onRequest } from 'firebase-functions/v2/https';

export const csv = onRequest((request, response) => {
  response
    .set('Content-Type', 'text/csv')
    .status(200).send(toCsv(request.body));
});
