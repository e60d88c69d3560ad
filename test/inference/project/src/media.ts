// @ts-nocheck -- the project's packages are not installed in this repository
// Media processing on Cloud Run functions: product photos in, sized copies and events out.
import * as ff from '@google-cloud/functions-framework';
import { Storage, type File } from '@google-cloud/storage';
import { PubSub } from '@google-cloud/pubsub';
import { Firestore, FieldValue } from '@google-cloud/firestore';
import sharp from 'sharp';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, basename, extname } from 'node:path';

const storage = new Storage(); // @not-promise
const photos = storage.bucket(process.env.PHOTO_BUCKET ?? 'acme-photos'); // @not-promise
const events = new PubSub().topic('media-events'); // @not-promise
const firestore = new Firestore(); // @not-promise

const WIDTHS = [320, 640, 1280] as const;

async function sizedCopies(source: File, workDir: string): Promise<string[]> {
  const local = join(workDir, basename(source.name)); // @not-promise
  await source.download({ destination: local }); // @promise
  const outputs: string[] = [];
  for (const width of WIDTHS) {
    const out = join(workDir, `${width}${extname(local)}`); // @not-promise
    await sharp(local).resize({ width }).toFile(out); // @promise
    outputs.push(out); // @not-promise
  }
  return outputs; // @not-promise
}

function uploadAll(paths: string[], prefix: string): Promise<unknown[]> {
  return Promise.all(paths.map((p) => photos.upload(p, { destination: `${prefix}/${basename(p)}` }))); // @promise
}

function recordSizes(productId: string, sizes: Record<string, number>) {
  return firestore.doc(`products/${productId}`).update({ sizes, processedAt: FieldValue.serverTimestamp() }); // @promise
}

ff.http('processPhoto', async (req: ff.Request, res: ff.Response) => { // @not-promise
  const { productId, object } = req.body as { productId: string; object: string };
  const workDir = await mkdtemp(join(tmpdir(), 'photo-')); // @promise
  try {
    const source = photos.file(object); // @not-promise
    const [exists] = await source.exists(); // @promise
    if (!exists) {
      res.status(404).json({ error: `${object} not found` }); // @not-promise
      return;
    }
    const outputs = await sizedCopies(source, workDir); // @promise
    const uploads = uploadAll(outputs, `sized/${productId}`); // @promise
    const sizes: Record<string, number> = {};
    for (const file of await readdir(workDir)) {
      sizes[file] = (await stat(join(workDir, file))).size;
    }
    await uploads; // @promise
    await recordSizes(productId, sizes); // @promise
    await events.publishMessage({ json: { type: 'photo.processed', productId, count: outputs.length } }); // @promise
    res.json({ productId, sizes }); // @not-promise
  } finally {
    await rm(workDir, { recursive: true, force: true }); // @promise
  }
});

ff.http('photoInfo', async (req: ff.Request, res: ff.Response) => { // @not-promise
  const file = photos.file(String(req.query.object)); // @not-promise
  const [metadata] = await file.getMetadata(); // @promise
  const [signed] = await file.getSignedUrl({ action: 'read', expires: Date.now() + 60_000 }); // @promise
  const pipeline = sharp(); // @not-promise
  const info = await file.createReadStream().pipe(pipeline).metadata(); // @promise
  res.json({ contentType: metadata.contentType, width: info.width, signed }); // @not-promise
});

ff.http('deletePhotos', async (req: ff.Request, res: ff.Response) => { // @not-promise
  const prefix = `sized/${req.query.productId}`; // @not-promise
  const [files] = await photos.getFiles({ prefix }); // @promise
  const deletions = files.map((f) => f.delete()); // @not-promise -- an array of promises
  const settled = await Promise.allSettled(deletions); // @promise
  const failed = settled.filter((s) => s.status === 'rejected').length; // @not-promise
  const update = firestore.doc(`products/${req.query.productId}`).update({ sizes: FieldValue.delete() }); // @promise
  const published = events.publishMessage({ json: { type: 'photo.deleted', prefix, failed } }); // @promise
  await Promise.all([update, published]); // @promise
  res.status(failed ? 207 : 204).end(); // @not-promise
});

ff.http('photoBatch', async (req: ff.Request, res: ff.Response) => { // @not-promise
  const batch = firestore.batch(); // @not-promise
  const ids: string[] = req.body.ids;
  ids.forEach((id) => batch.update(firestore.doc(`products/${id}`), { queued: true })); // @not-promise
  await batch.commit(); // @promise
  const results = await firestore.runTransaction(async (tx) => { // @promise
    const refs = ids.map((id) => firestore.doc(`products/${id}`)); // @not-promise
    const snaps = await tx.getAll(...refs); // @promise
    snaps.forEach((snap) => tx.update(snap.ref, { queuedCount: (snap.get('queuedCount') ?? 0) + 1 })); // @not-promise
    return snaps.length; // @not-promise
  });
  const published = await Promise.all(ids.map((id) => events.publishMessage({ json: { type: 'photo.queued', id } }))); // @promise
  res.json({ queued: results, messages: published.length }); // @not-promise
});
