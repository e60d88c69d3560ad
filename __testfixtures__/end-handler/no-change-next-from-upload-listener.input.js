const Busboy = require('busboy');

// Parses a multipart body into req.body and req.files, then passes control on from the parser's
// 'finish' listener: the handler returns before next() runs, and that is how it ends.
exports.parseMultipart = (req, res, next) => {
  if (req.method !== 'POST') {
    res.status(405).end();
    return;
  }
  const busboy = Busboy({ headers: req.headers });
  req.body = {};
  req.files = [];
  busboy.on('field', (name, value) => {
    req.body[name] = value;
  });
  busboy.on('file', (name, stream, info) => {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => req.files.push({ name, info, buffer: Buffer.concat(chunks) }));
  });
  busboy.on('finish', () => next());
  busboy.end(req.rawBody);
};
