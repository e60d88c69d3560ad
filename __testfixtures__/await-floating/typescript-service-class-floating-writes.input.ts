import { onRequest } from 'firebase-functions/v2/https';
import { getFirestore, FieldValue, type Firestore } from 'firebase-admin/firestore';
import { PubSub, type Topic } from '@google-cloud/pubsub';

class CartService {
  private readonly topic: Topic = new PubSub().topic('cart-events');

  constructor(private readonly db: Firestore) {}

  archive(cartId: string) {
    return this.db.collection('carts').doc(cartId).update({ archivedAt: FieldValue.serverTimestamp() });
  }

  announce(cartId: string) {
    return this.topic.publishMessage({ json: { type: 'cart.archived', cartId } });
  }

  describe(cartId: string): string {
    return `cart ${cartId}`;
  }
}

const carts = new CartService(getFirestore());

export const archiveCart = onRequest(async (req, res) => {
  const cartId = String(req.query.id);
  carts.archive(cartId);
  carts.announce(cartId);
  const items = await getFirestore().collection('carts').doc(cartId).collection('items').get();
  items.docs.forEach((item) => item.ref.delete());
  res.status(200).send(carts.describe(cartId));
});
