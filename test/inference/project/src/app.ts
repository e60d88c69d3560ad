// @ts-nocheck -- the project's packages are not installed in this repository
// The shop's REST API: one Express app served by one HTTPS function.
import express, { type Request, type Response, type NextFunction } from 'express';
import cors from 'cors';
import { onRequest } from 'firebase-functions/v2/https';
import * as logger from 'firebase-functions/logger';
import { getStorage } from 'firebase-admin/storage';
import { getDatabase } from 'firebase-admin/database';
import { OrderService, orderService, describeOrder, notifyWarehouse, type Order } from './services/orders';
import { createShippingClient, marketing, type ShippingClient } from './lib/clients';
import { formatMoney, parseQuantity } from './lib/format';
import { users, authenticate } from './handlers/users';

const app = express(); // @not-promise
const shipping: ShippingClient = createShippingClient('https://api.shipping.test'); // @not-promise

app.use(cors({ origin: true })); // @not-promise
app.use(express.json({ limit: '1mb' })); // @not-promise
app.use('/users', users); // @not-promise

marketing.init(process.env.SENDGRID_KEY ?? ''); // @not-promise

async function audit(action: string, detail: Record<string, unknown>): Promise<void> {
  await getDatabase().ref('audit').push({ action, detail, at: Date.now() }); // @promise
}

function logRequest(req: Request, _res: Response, next: NextFunction): void {
  logger.debug(`${req.method} ${req.path}`); // @not-promise
  next(); // @not-promise
}

app.use(logRequest); // @not-promise

app.post('/orders', authenticate, async (req: Request, res: Response) => { // @not-promise
  const order = req.body as Order;
  const id = await orderService.create(order); // @promise
  void audit('order.create', { id }); // @promise
  logger.info(describeOrder(order)); // @not-promise
  res.status(201).json({ id }); // @not-promise
});

app.get('/orders/:id', async (req: Request, res: Response) => { // @not-promise
  const cached = orderService.cached(req.params.id); // @not-promise
  if (cached) {
    return res.json(cached); // @not-promise
  }
  const order = await orderService.get(req.params.id); // @promise
  return order ? res.json(order) : res.status(404).end(); // @not-promise
});

app.post('/orders/:id/cancel', async (req: Request, res: Response) => { // @not-promise
  await orderService.cancel(req.params.id); // @promise
  res.json({ cancelled: true, remaining: orderService.size() }); // @not-promise
});

app.post('/orders/cancel', async (req: Request, res: Response) => { // @not-promise
  const service = new OrderService(); // @not-promise
  await service.cancelAll(req.body.ids); // @promise
  res.sendStatus(204); // @not-promise
});

app.post('/orders/:id/ship', async (req: Request, res: Response) => { // @not-promise
  const quantity = parseQuantity(req.query.boxes); // @not-promise
  const quote = await shipping.quote(quantity * 500); // @promise
  const label = shipping.label(req.params.id); // @promise
  const trackingUrl = shipping.trackingUrl(req.params.id); // @not-promise
  const { data } = await label; // @promise
  await getStorage().bucket().file(`labels/${req.params.id}.pdf`).save(Buffer.from(data)); // @promise
  await notifyWarehouse({ id: req.params.id, customerId: 'warehouse', lines: [], status: 'paid' }); // @promise
  res.json({ price: formatMoney(quote), trackingUrl }); // @not-promise
});

app.post('/newsletter', async (req: Request, res: Response) => { // @not-promise
  const [response] = await marketing.blast(req.body.to, req.body.html); // @promise
  res.status(response.statusCode).end(); // @not-promise
});

app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => { // @not-promise
  logger.error(err); // @not-promise
  res.status(500).json({ error: 'internal' }); // @not-promise
});

export const api = onRequest({ region: 'europe-west1', memory: '512MiB' }, app); // @not-promise
