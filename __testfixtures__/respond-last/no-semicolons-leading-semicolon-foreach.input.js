const functions = require('firebase-functions/v1')
const admin = require('firebase-admin')

admin.initializeApp()
const db = admin.firestore()

exports.resetFlags = functions.https.onRequest((req, res) => {
  res.status(202).send('resetting')
  ;['beta', 'dark-mode'].forEach((flag) => db.collection('flags').doc(flag).set({ enabled: false }))
})
