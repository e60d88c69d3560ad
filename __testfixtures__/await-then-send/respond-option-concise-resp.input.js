const functions = require('@google-cloud/functions-framework');
const { recordHit } = require('./hits');

functions.http('hit', (req, resp) => recordHit(req.path));
