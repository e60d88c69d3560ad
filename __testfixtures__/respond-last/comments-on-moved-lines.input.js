exports.comments = async (req, res) => {
  const id = req.params.id;
  // answer the client
  res.send(id); // fast path
  /* bookkeeping */ ledger.write(id); // not awaited before
  /**
   * Multi-line note about the cache.
   */
  cache.drop(id);
  // trailing note that stays
};
