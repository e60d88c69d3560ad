import functions from '@google-cloud/functions-framework';
import { Datastore } from '@google-cloud/datastore';

const datastore = new Datastore();

functions.http('touchSession', async (request, response) => {
  const key = datastore.key(['Session', request.query.sid]);
  await datastore.merge({ key, data: { lastSeen: new Date() } });
  response.sendStatus(200);
});
