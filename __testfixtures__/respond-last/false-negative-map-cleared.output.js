// Known false negative: Map and Set methods are not treated as writes (`ref.set(data)` and
// `ref.delete()` are Firestore writes, and a Map sent as JSON is `{}`), so clearing a Map whose
// size the response sends is moved before the response and changes the body to 0.
const sessions = new Map();
exports.logoutAll = async (req, res) => {
  sessions.clear();
  res.json({ loggedOut: sessions.size });
};
