'use strict';
// Writes a draft to the local disk: synchronous on purpose, the file is tiny.
const fs = require('fs');
const path = require('path');
const os = require('os');

module.exports.save = function save(id, draft) {
  const file = path.join(os.tmpdir(), `draft-${id}.json`); // @not-promise
  fs.writeFileSync(file, JSON.stringify(draft)); // @not-promise
  return file; // @not-promise
};
