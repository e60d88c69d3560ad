// Express routes whose success response is passed to `.then` as a call: it is sent at once, while
// the write runs. Awaiting the chain would not change when the client gets it, so the routes are
// left for a person to fix (respond-last reports each one).
const express = require('express');
const nodemailer = require('nodemailer');
const admin = require('firebase-admin');

admin.initializeApp();
const router = express.Router();
const transporter = nodemailer.createTransport({ service: 'gmail', auth: { user: process.env.MAIL_USER, pass: process.env.MAIL_PASS } });

router.post('/signup', (req, res) => {
  const pending = admin.auth().createUser({ email: req.body.email, password: req.body.password });
  pending.then(res.status(200).send('signupok')).catch((e) => console.log(e.message));
});

router.post('/password-changed', (req, res) => {
  transporter
    .sendMail({ from: process.env.MAIL_USER, to: req.body.email, subject: 'Your password has been changed', text: 'It was you, we hope.' })
    .then(res.status(200).send('successful'));
  admin.firestore().collection('audit').add({ email: req.body.email, at: Date.now() });
});

module.exports = router;
