const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

exports.fromBody = ({ body }, { locals }) => {
  return db.collection('events').add({ ...body, tenant: locals.tenant });
};

exports.single = (req) => {
  return db.collection('events').add(req.body);
};

exports.none = () => {
  return db.collection('events').add({ ping: true });
};
