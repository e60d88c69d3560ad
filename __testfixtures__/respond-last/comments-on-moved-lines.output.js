exports.comments = async (req, res) => {
  const id = req.params.id;
  /* bookkeeping */ await ledger.write(id); // not awaited before
  /**
   * Multi-line note about the cache.
   */
  await cache.drop(id);
  // answer the client
  res.send(id); // fast path
  // trailing note that stays
};
