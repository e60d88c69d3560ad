// Callback-style work started before the response: nothing waits for its callback, so the
// response can go first and the platform may stop the work. Reported, never rewritten (the
// callback form has no promise to await).
const functions = require('firebase-functions');
const nodemailer = require('nodemailer');
const fs = require('fs');
const os = require('os');
const path = require('path');

const transporter = nodemailer.createTransport({ service: 'gmail', auth: { user: process.env.MAIL_USER, pass: process.env.MAIL_PASS } });

exports.contact = functions.https.onRequest((req, res) => {
  const mailOptions = {
    from: process.env.MAIL_USER,
    to: 'team@example.com',
    subject: `Message from ${req.body.name}`,
    text: req.body.message,
  };
  transporter.sendMail(mailOptions, (error, info) => {
    if (error) {
      return console.log(error);
    }
    console.log('Message sent: %s', info.messageId);
  });
  res.status(200).send('Mail sent');
});

exports.saveExport = functions.https.onRequest((req, res) => {
  const file = path.join(os.tmpdir(), `export-${Date.now()}.json`);
  fs.writeFile(file, JSON.stringify(req.body), function (err) {
    if (err) console.error('could not write the export', err);
  });
  res.json({ file });
});

// The callback sends the response: the platform waits for it. Nothing to report.
exports.confirm = functions.https.onRequest((req, res) => {
  transporter.sendMail({ to: req.body.email, subject: 'Confirmed', text: 'Thanks!' }, (error) => {
    if (error) {
      res.status(500).send(error.toString());
      return;
    }
    res.send('sent');
  });
});

// A listener, not work: `on('error', cb)` returns at once and the response is the stream's.
exports.download = functions.https.onRequest((req, res) => {
  const stream = fs.createReadStream(path.join(__dirname, 'files', 'report.csv'));
  stream.on('error', (err) => {
    console.error(err);
  });
  res.set('Content-Type', 'text/csv');
  stream.pipe(res);
});

// An array method takes a callback whose first parameter may be named like an error; it runs at
// once, and is not work reported through a callback.
exports.clientErrors = functions.https.onRequest((req, res) => {
  req.body.errors.forEach((err) => {
    console.error('client error', err.message);
  });
  // Logs up to the first fatal one.
  req.body.warnings.some((err) => {
    console.warn('client warning', err.message);
    return err.fatal;
  });
  res.sendStatus(204);
});
