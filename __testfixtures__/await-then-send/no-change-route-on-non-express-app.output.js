const restify = require('restify');
const { listItems, saveItem } = require('./store');

const server = restify.createServer({ name: 'inventory' });

// restify, not Express: these are not Express routes.
server.get('/items', (req, res) => {
  return listItems().then((items) => res.send(items));
});

server.post('/items', (req, res) => {
  return saveItem(req.body);
});

server.listen(8080);
