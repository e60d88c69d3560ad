const functions = require('firebase-functions');
const nodemailer = require('nodemailer');

const transport = nodemailer.createTransport(process.env.SMTP_URL);

exports.contact = functions.https.onRequest((req, res) => {
  return new Promise((resolve, reject) => {
    transport.sendMail({ to: 'team@example.com', text: req.body.message }, (err, res) => {
      if (err) return reject(err);
      return resolve(res.messageId);
    });
  });
});
