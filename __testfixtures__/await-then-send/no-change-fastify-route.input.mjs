import Fastify from 'fastify';
import { listOrders } from './orders.mjs';

const app = Fastify({ logger: true });

// Fastify sends whatever an async route returns.
app.get('/orders', async (request, reply) => {
  return listOrders(request.query.status);
});

app.get('/health', (req, res) => {
  return res.send({ ok: true });
});

await app.listen({ port: 8080 });
