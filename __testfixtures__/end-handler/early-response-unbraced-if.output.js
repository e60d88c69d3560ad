const express = require('express');
const admin = require('firebase-admin');

admin.initializeApp();
const items = admin.firestore().collection('items');
const router = express.Router();

router.post('/items', async (req, res) => {
  const { id, name } = req.body;
  if (!id) {
    res.status(400).send('id required');
    return;
  }
  if (!name) {
    res.status(400).send('name required'); // both are checked by the form too
    return;
  }
  await items.doc(id).set({ name });
  res.status(201).send({ id });
});

const app = express();
app.use(express.json());
app.use('/api', router);
app.listen(8080);
