const functions = require('firebase-functions');
const admin = require('firebase-admin');

const db = admin.firestore();

function createMember(source) {
  return db.collection('members').add({ lineId: source.userId, joinedAt: Date.now() });
}

async function greet(event, member) {
  return { replyToken: event.replyToken, member };
}

// A chat webhook: the member is created when first seen. The promise is stored in `member` and
// passed on; awaiting the assignment would keep it a promise, `member = await ...` would change
// what greet() receives. Which one is meant is the author's call: reported, not rewritten.
exports.webhook = functions.https.onRequest(async (req, res) => {
  const event = req.body.events[0];
  let member = (await db.collection('members').where('lineId', '==', event.source.userId).get()).docs[0];
  if (!member) {
    member = createMember(event.source);
  }
  const reply = await greet(event, member);
  res.json(reply);
});
