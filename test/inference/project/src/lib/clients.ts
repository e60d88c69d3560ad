// @ts-nocheck -- the project's packages are not installed in this repository
// Clients built by factories: each returns an object whose methods the handlers call.
import axios, { type AxiosInstance } from 'axios';
import * as nodemailer from 'nodemailer';
import sgMail from '@sendgrid/mail';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { formatMoney, type Money } from './format.js';

export function createShippingClient(baseURL: string) {
  const http: AxiosInstance = axios.create({ baseURL, timeout: 8000 }); // @not-promise
  return { // @not-promise
    async quote(weightGrams: number): Promise<Money> {
      const { data } = await http.post('/quotes', { weightGrams }); // @promise
      return data as Money;
    },
    label(orderId: string) {
      return http.get(`/labels/${orderId}`, { responseType: 'arraybuffer' }); // @promise
    },
    trackingUrl(trackingId: string): string {
      return `${baseURL}/track/${encodeURIComponent(trackingId)}`; // @not-promise
    },
  };
}

export type ShippingClient = ReturnType<typeof createShippingClient>;

export function createMailer(from: string) {
  const transport = nodemailer.createTransport({ host: 'smtp.acme.test', port: 587 }); // @not-promise
  const send = (to: string, subject: string, text: string) => transport.sendMail({ from, to, subject, text });
  return { // @not-promise
    send,
    receipt: async (to: string, total: Money): Promise<void> => {
      await send(to, 'Your receipt', `Total: ${formatMoney(total)}`); // @promise
    },
    subjectFor: (orderId: string) => `Order ${orderId}`,
  };
}

export const marketing = {
  init(key: string): void {
    sgMail.setApiKey(key); // @not-promise
  },
  blast(to: string[], html: string) {
    return sgMail.send({ to, from: 'news@acme.test', subject: 'Acme news', html }, true); // @promise
  },
};

export function firestoreFor(databaseId?: string): Firestore {
  return databaseId ? getFirestore(databaseId) : getFirestore(); // @not-promise
}
