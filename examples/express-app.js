/**
 * A to-do API: Express on Cloud Run, with a router and error-handling middleware.
 */
const express = require('express');
const { Firestore } = require('@google-cloud/firestore');
const { PubSub } = require('@google-cloud/pubsub');
const { ErrorReporting } = require('@google-cloud/error-reporting');

const db = new Firestore();
const todoEvents = new PubSub().topic('todo-events');
const errors = new ErrorReporting();

const app = express();
const router = express.Router();

app.use(express.json());

router.get('/todos', async (req, res) => {
  const snapshot = await db.collection('todos').orderBy('createdAt', 'desc').limit(50).get();
  res.json(snapshot.docs.map((doc) => ({ id: doc.id, ...doc.data() })));
});

router.post('/todos', (req, res) => {
  if (!req.body.title) {
    return res.status(400).json({ error: 'title is required' });
  }
  return db.collection('todos').add({ title: req.body.title, done: false, createdAt: Date.now() });
});

router.patch('/todos/:id', async (req, res) => {
  await db.collection('todos').doc(req.params.id).update({ done: Boolean(req.body.done) });
  res.send(200);
  todoEvents.publishMessage({ json: { id: req.params.id, done: Boolean(req.body.done) } });
});

router.delete('/todos/:id', (req, res, next) => {
  db.collection('todos')
    .doc(req.params.id)
    .delete()
    .then(() => {
      res.json({ deleted: req.params.id });
      res.end();
    })
    .catch(next);
});

app.use('/api', router);

// Error-handling middleware: Express recognises it by its four parameters.
// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  res.status(500).json({ error: 'Something went wrong' });
  errors.report(err);
  console.error(err);
});

app.listen(process.env.PORT || 8080, () => {
  console.log('todo api listening');
});
