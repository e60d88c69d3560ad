const functions = require('firebase-functions');
const { syncCalendar } = require('./calendar');

exports.syncCalendar = functions.https.onRequest(async (req, res) => {
  const calendarId = req.query.calendar;
  return await syncCalendar(calendarId);
});
