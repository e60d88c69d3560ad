const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const app = express();
const firestore = new Firestore();

function sendError(res, status, message) {
  res.status(status).json({ error: message });
}

app.get('/orders/:id', async (req, res) => {
  const id = req.params.id;
  if (!/^[a-z0-9]{20}$/i.test(id)) sendError(res, 400, 'malformed order id');
  const order = await firestore.collection('orders').doc(id).get();
  if (!order.exists) {
    sendError(res, 404, 'order not found');
  }
  res.json(order.data());
});

app.listen(8080);
