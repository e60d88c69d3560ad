'use strict';
// Cloud Storage helpers: uploads, thumbnails and signed links.
const { Storage } = require('@google-cloud/storage');
const sharp = require('sharp');
const os = require('os');
const path = require('path');
const fs = require('fs');

const storage = new Storage(); // @not-promise
const bucket = storage.bucket(process.env.UPLOAD_BUCKET || 'acme-uploads'); // @not-promise

exports.saveUpload = function saveUpload(name, buffer, contentType) {
  const file = bucket.file(`uploads/${name}`); // @not-promise
  return file.save(buffer, { contentType, resumable: false }); // @promise
};

exports.saveUploadWithCallback = function saveUploadWithCallback(name, buffer, callback) {
  bucket.file(`uploads/${name}`).save(buffer, callback); // @either -- a promise when callback is not a function
};

exports.makeThumbnail = async function makeThumbnail(objectName) {
  const tempPath = path.join(os.tmpdir(), path.basename(objectName)); // @not-promise
  await bucket.file(objectName).download({ destination: tempPath }); // @promise
  const thumb = await sharp(tempPath).resize(200, 200, { fit: 'inside' }).toBuffer(); // @promise
  const thumbName = `thumbs/${path.basename(objectName)}`; // @not-promise
  await bucket.file(thumbName).save(thumb, { contentType: 'image/jpeg' }); // @promise
  fs.unlink(tempPath, (err) => { // @not-promise
    if (err) console.warn('could not remove', tempPath); // @not-promise
  });
  return thumbName; // @not-promise
};

exports.signedDownloadUrl = function signedDownloadUrl(objectName) {
  return bucket // @promise
    .file(objectName)
    .getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + 15 * 60 * 1000 })
    .then(([url]) => url);
};

exports.publicUrl = (objectName) => bucket.file(objectName).publicUrl();

exports.uploadStream = function uploadStream(objectName, contentType) {
  return bucket.file(objectName).createWriteStream({ contentType, resumable: false }); // @not-promise
};

exports.removeObject = async (objectName) => {
  const [exists] = await bucket.file(objectName).exists(); // @promise
  if (!exists) return false;
  await bucket.file(objectName).delete(); // @promise
  return true;
};
