'use strict';
// One entry point for the helpers, as the handlers import them.
const db = require('./db');
const { save: saveDraftFile } = require('./save-sync');

module.exports = {
  ...db,
  saveDraftFile,
  // Starts the write and hands back the id straight away.
  saveOrderInBackground(orderId, order) {
    db.saveOrder(orderId, order).catch((err) => console.error('background save failed', err)); // @promise
    return orderId; // @either -- the argument
  },
};
