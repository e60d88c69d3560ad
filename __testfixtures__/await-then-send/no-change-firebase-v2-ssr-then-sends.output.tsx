import { onRequest } from 'firebase-functions/v2/https';
import { renderToString } from 'react-dom/server';
import { ProductPage } from './ProductPage';
import { loadProduct } from './data';

export const ssr = onRequest({ memory: '512MiB' }, (req, res) => {
  return loadProduct(req.params[0]).then((product) => {
    const html = renderToString(<ProductPage product={product} />);
    res.set('Cache-Control', 'public, max-age=300');
    res.status(200).send(`<!doctype html>${html}`);
  });
});
