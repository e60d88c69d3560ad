import * as functions from 'firebase-functions/v1';
import * as admin from 'firebase-admin';

admin.initializeApp();

// Types written the way the namespaced admin SDK's samples write them.
class InvoiceRepository {
  constructor(private readonly db: admin.firestore.Firestore) {}

  markPaid(invoiceId: string, paidAt: admin.firestore.Timestamp) {
    return this.db.collection('invoices').doc(invoiceId).update({ status: 'paid', paidAt });
  }
}

function logPayment(payments: FirebaseFirestore.CollectionReference, invoiceId: string, amount: number) {
  return payments.add({ invoiceId, amount, at: admin.firestore.FieldValue.serverTimestamp() });
}

export const paymentWebhook = functions.https.onRequest(async (req, res) => {
  const { invoiceId, amount } = req.body as { invoiceId: string; amount: number };
  const invoices = new InvoiceRepository(admin.firestore());
  invoices.markPaid(invoiceId, admin.firestore.Timestamp.now());
  logPayment(admin.firestore().collection('payments'), invoiceId, amount);
  res.status(200).json({ received: true });
});
