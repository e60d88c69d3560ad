const functions = require('firebase-functions');
const { getFirestore } = require('firebase-admin/firestore');

exports.signup = functions.https.onRequest(async (req, res) => {
  const user = await createUser(req.body);

  res.status(201).json({ id: user.id });

  // welcome mail first, then the audit trail
  sendWelcomeMail(user.email);
  await getFirestore().collection('audit').add({ user: user.id });

  functions.logger.info('signed up', user.id);
  metrics.increment('signup');
});
