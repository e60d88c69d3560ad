exports.action = async (req, res) => {
  switch (req.body.action) {
    case 'save':
      res.send('saved');
      store.save(req.body);
      break;
    default:
      res.status(400).send('unknown');
  }
};
