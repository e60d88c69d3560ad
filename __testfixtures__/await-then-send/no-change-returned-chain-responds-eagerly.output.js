// Sequelize-style controller: the returned chain is given a response that is already sent.
const express = require('express');
const { Invoice } = require('./models');

const app = express();

app.put('/invoices/:id', (req, res) => {
  return Invoice.update(req.body, { where: { id: req.params.id } }).then(res.status(200).json({ updated: true }));
});

app.delete('/invoices/:id', (req, res) =>
  Invoice.destroy({ where: { id: req.params.id } })
    .then(res.status(200).send({ message: 'Invoice deleted successfully!' }))
    .catch((error) => res.status(500).send(error.message)),
);

module.exports = app;
