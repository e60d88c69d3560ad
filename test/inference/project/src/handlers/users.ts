// @ts-nocheck -- the project's packages are not installed in this repository
// User endpoints, mounted on the API router.
import { Router, type Request, type Response, type NextFunction } from 'express';
import { getAuth, type DecodedIdToken } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { isEmail, pick, createMailer, settingsReady, formatMoney } from '../lib';
import * as format from '../lib/format';

export const users = Router(); // @not-promise
const db = getFirestore(); // @not-promise
const mailer = createMailer('Acme <accounts@acme.test>'); // @not-promise

export interface AuthedRequest extends Request {
  user?: DecodedIdToken;
}

export async function authenticate(req: AuthedRequest, res: Response, next: NextFunction): Promise<void> {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) {
    res.status(401).json({ error: 'missing token' }); // @not-promise
    return;
  }
  try {
    req.user = await getAuth().verifyIdToken(header.slice(7)); // @not-promise -- the assignment gives the awaited token
    next(); // @not-promise
  } catch (err) {
    next(err); // @not-promise
  }
}

function profileOf(data: FirebaseFirestore.DocumentData) {
  return pick(data as { name: string; email: string; plan: string }, ['name', 'email', 'plan']); // @not-promise
}

async function loadProfile(uid: string) {
  const snap = await db.doc(`users/${uid}`).get(); // @promise
  return snap.exists ? profileOf(snap.data()!) : null; // @not-promise
}

users.get('/me', authenticate, async (req: AuthedRequest, res: Response) => { // @not-promise
  const profile = await loadProfile(req.user!.uid); // @promise
  if (!profile) {
    return res.status(404).json({ error: 'no profile' }); // @not-promise
  }
  return res.json(profile); // @not-promise
});

users.post('/', async (req: Request, res: Response) => { // @not-promise
  const { email, name } = req.body as { email: string; name: string };
  if (!isEmail(email)) {
    return res.status(400).json({ error: 'invalid email' }); // @not-promise
  }
  const record = await getAuth().createUser({ email, displayName: name }); // @promise
  await db.collection('users').doc(record.uid).set({ email, name, plan: 'free' }); // @promise
  const welcome = mailer.send(email, mailer.subjectFor('welcome'), `Hi ${name}`); // @promise
  await welcome; // @promise
  res.status(201).json({ uid: record.uid }); // @not-promise
});

users.delete('/:uid', authenticate, (req: AuthedRequest, res: Response) => { // @not-promise
  const uid = req.params.uid;
  getAuth() // @promise
    .deleteUser(uid)
    .then(() => db.doc(`users/${uid}`).delete())
    .then(() => res.status(204).end())
    .catch((err: Error) => res.status(500).json({ error: err.message }));
});

users.get('/export.csv', authenticate, async (_req: Request, res: Response) => { // @not-promise
  const snapshot = await db.collection('users').select('email', 'name').get(); // @promise
  const rows = snapshot.docs.map((doc) => format.default([doc.id, doc.get('email'), doc.get('name')])); // @not-promise
  res.type('text/csv'); // @not-promise
  res.send(rows.join('\n')); // @not-promise
});

users.get('/me/plan', authenticate, async (req: AuthedRequest, res: Response) => { // @not-promise
  const settings = await settingsReady; // @promise -- re-exported through the barrel module
  const price = formatMoney({ cents: 990, currency: settings.currency }); // @not-promise
  res.json({ plan: 'pro', price }); // @not-promise
});
