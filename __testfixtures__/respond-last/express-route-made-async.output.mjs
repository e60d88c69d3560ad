import express from 'express';

const app = express();

app.delete('/items/:id', async (req, res) => {
  await items.remove(req.params.id);
  res.sendStatus(204);
});
