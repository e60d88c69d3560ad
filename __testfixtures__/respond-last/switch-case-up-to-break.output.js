exports.action = async (req, res) => {
  switch (req.body.action) {
    case 'save':
      await store.save(req.body);
      res.send('saved');
      break;
    default:
      res.status(400).send('unknown');
  }
};
