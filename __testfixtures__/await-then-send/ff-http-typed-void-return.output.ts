import * as ff from '@google-cloud/functions-framework';
import { PubSub } from '@google-cloud/pubsub';

const pubsub = new PubSub();

ff.http('enqueueJob', async (req: ff.Request, res: ff.Response): Promise<void> => {
  const payload = Buffer.from(JSON.stringify(req.body));
  await pubsub.topic('jobs').publishMessage({ data: payload });
  res.sendStatus(200);
});
