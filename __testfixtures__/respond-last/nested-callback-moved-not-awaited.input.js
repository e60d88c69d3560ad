const fs = require('fs');

exports.file = (req, res) => {
  fs.readFile('/tmp/data.json', 'utf8', (err, text) => {
    res.type('json').send(text);
    console.log('served', text.length);
    stats.record('file', text.length);
  });
};
