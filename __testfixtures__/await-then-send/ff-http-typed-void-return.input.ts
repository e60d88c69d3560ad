import * as ff from '@google-cloud/functions-framework';
import { PubSub } from '@google-cloud/pubsub';

const pubsub = new PubSub();

ff.http('enqueueJob', (req: ff.Request, res: ff.Response): void => {
  const payload = Buffer.from(JSON.stringify(req.body));
  return pubsub.topic('jobs').publishMessage({ data: payload });
});
