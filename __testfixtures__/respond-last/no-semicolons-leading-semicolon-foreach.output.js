const functions = require('firebase-functions/v1')
const admin = require('firebase-admin')

admin.initializeApp()
const db = admin.firestore()

exports.resetFlags = functions.https.onRequest(async (req, res) => {
  await Promise.all(['beta', 'dark-mode'].map((flag) => db.collection('flags').doc(flag).set({ enabled: false })))
  res.status(202).send('resetting')
  ;
})
