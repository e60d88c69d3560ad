// Functions Framework handlers that forget to respond on a path, or respond early and carry on.
const functions = require('@google-cloud/functions-framework');
const { Firestore, FieldValue } = require('@google-cloud/firestore');

const db = new Firestore();

// Saves the draft, then never answers: the editor shows "Saving..." until the platform times out.
functions.http('saveDraft', async (req, res) => {
  const { docId, body } = req.body;
  await db.collection('drafts').doc(docId).set({ body, savedAt: FieldValue.serverTimestamp() });
});

// The 400 does not end the handler: the update runs without an id, then a second response throws.
functions.http('renameProject', async (req, res) => {
  const { projectId, name } = req.body;
  if (!projectId) res.status(400).send('projectId required');
  await db.collection('projects').doc(projectId).update({ name });
  res.json({ projectId, name });
});

// On an error the client waits for nothing: which status to send is the author's call.
functions.http('archiveProject', async (req, res) => {
  try {
    await db.collection('projects').doc(req.body.projectId).update({ archived: true });
    res.sendStatus(204);
  } catch (err) {
    console.error('archive failed', err);
  }
});
