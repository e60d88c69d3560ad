import * as functions from 'firebase-functions'
import * as admin from 'firebase-admin'

admin.initializeApp()

export const saveDraft = functions.https.onRequest(async (req, res) => {
	const { postId, body } = req.body
	if (!postId) {
		res.status(400).send('postId required')
		return
	}
	await admin.firestore().doc(`drafts/${postId}`).set({ body, savedAt: Date.now() })
	res.status(201).send({ postId })
})

export const touchDraft = functions.https.onRequest(async (req, res) => {
	await admin.firestore().doc(`drafts/${req.query.postId}`).update({ touchedAt: Date.now() })
	res.sendStatus(200)
})
