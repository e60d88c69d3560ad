import express from 'express';

const app = express();

app.delete('/items/:id', (req, res) => {
  res.sendStatus(204);
  items.remove(req.params.id);
});
