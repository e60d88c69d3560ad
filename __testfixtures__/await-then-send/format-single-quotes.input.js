const functions = require('firebase-functions')
const admin = require('firebase-admin')

admin.initializeApp()

exports.single = functions.https.onRequest((req, res) => {
  const note = { text: 'it\'s "quoted"', by: req.query['user'] }
  return admin.firestore().collection('notes').add(note)
})
