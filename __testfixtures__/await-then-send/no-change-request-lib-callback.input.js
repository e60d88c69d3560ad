const request = require('request');
const functions = require('firebase-functions');

function fetchFeed(url) {
  return new Promise((resolve, reject) => {
    request.get(url, (error, response, body) => {
      if (error) return reject(error);
      if (response.statusCode !== 200) return reject(new Error(`HTTP ${response.statusCode}`));
      return resolve(JSON.parse(body));
    });
  });
}

exports.feed = functions.https.onRequest(async (req, res) => {
  const feed = await fetchFeed(process.env.FEED_URL);
  res.json(feed.items);
});
