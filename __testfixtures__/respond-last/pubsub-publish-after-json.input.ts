import * as ff from '@google-cloud/functions-framework';
import { PubSub } from '@google-cloud/pubsub';

const pubsub = new PubSub();

ff.http('order', (req: ff.Request, res: ff.Response): void => {
  const order = req.body as { id: string };
  res.status(202).json({ accepted: order.id });
  pubsub.topic('orders').publishMessage({ json: order });
});
