// The second parameter is an HTTP client's response (its status is read, never called): not a handler.
module.exports = function transformData(fns, response) {
  const headers = response ? response.headers : {};
  let data = this.data;
  fns.forEach(function transform(fn) {
    data = fn.call(this, data, headers, response ? response.status : undefined);
  });
  return data;
};
