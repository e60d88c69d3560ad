import * as functions from '@google-cloud/functions-framework';
import axios from 'axios';

functions.http('notifyShipping', async (req: functions.Request, res: functions.Response) => {
  const { orderId, address } = req.body as { orderId: string; address: string };
  fetch(`https://hooks.example.com/orders/${orderId}`, { method: 'POST', body: JSON.stringify({ address }) });
  axios.post('https://shipping.example.com/labels', { orderId, address });
  res.status(202).json({ orderId });
});
