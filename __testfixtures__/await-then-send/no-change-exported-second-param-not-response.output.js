const { Pool } = require('pg');

const pool = new Pool();

// `res` here is a query result, not an HTTP response.
exports.toRows = function toRows(query, res) {
  return res.rows.map((row) => ({ ...row, query }));
};

exports.countRows = (sql, response) => {
  return pool.query(sql).then(() => response.rowCount);
};
