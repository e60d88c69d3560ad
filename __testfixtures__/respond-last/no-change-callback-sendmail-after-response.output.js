const functions = require('firebase-functions');
const nodemailer = require('nodemailer');

const transporter = nodemailer.createTransport({ host: 'smtp.example.com', port: 587 });

exports.contact = functions.https.onRequest((req, res) => {
  res.status(202).send('Thanks, we will be in touch.');
  transporter.sendMail({ to: 'sales@example.com', subject: 'Contact form', text: req.body.message }, (err) => {
    if (err) console.error('mail failed', err);
  });
});
