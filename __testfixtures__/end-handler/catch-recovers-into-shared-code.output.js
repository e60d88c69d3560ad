const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const DEFAULT_QUOTE = 'Stay hungry, stay foolish.';

// The catch recovers with a default, and both paths go on to the same code: one response for both.
exports.quoteOfTheDay = functions.https.onRequest(async (req, res) => {
  let quote;
  try {
    const snapshot = await admin.firestore().doc('quotes/today').get();
    quote = snapshot.get('text');
  } catch (err) {
    functions.logger.warn('no quote for today, using the default', err);
    quote = DEFAULT_QUOTE;
  }
  functions.logger.info('quote of the day', { quote });
  res.set('Cache-Control', 'public, max-age=3600');
  res.sendStatus(200);
});
