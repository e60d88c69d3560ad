import axios from 'axios';
import { saveRates } from './store.mjs';

const api = axios.create({ baseURL: 'https://api.example.com' });

api.interceptors.response.use(
  (response) => response,
  (error, response) => {
    return Promise.reject(error);
  },
);

export function refreshRates(currency) {
  return axios.get(`https://rates.example.com/${currency}`).then((res) => {
    return saveRates(currency, res.data);
  });
}

api.get('/status', { timeout: 2000 }).then((res) => {
  return saveRates('status', res.data);
});
