const functions = require('firebase-functions')
const admin = require('firebase-admin')

admin.initializeApp()

exports.single = functions.https.onRequest(async (req, res) => {
  const note = { text: 'it\'s "quoted"', by: req.query['user'] }
  await admin.firestore().collection('notes').add(note)
  res.sendStatus(200)
})
