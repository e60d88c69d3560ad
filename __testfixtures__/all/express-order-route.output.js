const express = require('express');
const app = express();

app.post('/orders', async (req, res) => {
  const order = createOrder(req.body);
  // notify the warehouse
  await warehouse.notify(order);
  await mailer.send(order.email);
  res.status(201).json(order);
});
