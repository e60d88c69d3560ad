const express = require('express');
const app = express();

app.post('/orders', (req, res) => {
  const order = createOrder(req.body);
  res.json(201, order);
  // notify the warehouse
  warehouse.notify(order);
  return mailer.send(order.email);
});
