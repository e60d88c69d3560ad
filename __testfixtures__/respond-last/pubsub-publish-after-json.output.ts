import * as ff from '@google-cloud/functions-framework';
import { PubSub } from '@google-cloud/pubsub';

const pubsub = new PubSub();

ff.http('order', async (req: ff.Request, res: ff.Response): Promise<void> => {
  const order = req.body as { id: string };
  await pubsub.topic('orders').publishMessage({ json: order });
  res.status(202).json({ accepted: order.id });
});
