import * as functions from 'firebase-functions/v1';
import { onObjectFinalized } from 'firebase-functions/v2/storage';
import { getStorage } from 'firebase-admin/storage';

export const makeThumbnail = functions.storage.object().onFinalize((object, context) => {
  return getStorage().bucket(object.bucket).file(object.name).copy(`thumbs/${object.name}`);
});

export const scanUpload = onObjectFinalized({ bucket: 'uploads' }, async (event) => {
  return getStorage().bucket(event.data.bucket).file(event.data.name).setMetadata({ scanned: 'pending' });
});
