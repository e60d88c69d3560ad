// @ts-nocheck -- the project's packages are not installed in this repository
// The order service behind the Express API.
import { getFirestore, FieldValue, type Firestore, type DocumentReference } from 'firebase-admin/firestore';
import { PubSub, type Topic } from '@google-cloud/pubsub';
import { parseQuantity } from '../lib/format';

export interface OrderLine {
  sku: string;
  quantity: number;
}

export interface Order {
  id?: string;
  customerId: string;
  lines: OrderLine[];
  status: 'open' | 'paid' | 'shipped' | 'cancelled';
}

export class OrderService {
  private readonly db: Firestore;
  private readonly topic: Topic;
  private readonly cache = new Map<string, Order>();

  constructor(db: Firestore = getFirestore(), pubsub = new PubSub()) {
    this.db = db; // @not-promise -- the assignment gives the Firestore
    this.topic = pubsub.topic('orders'); // @not-promise
  }

  private ref(id: string): DocumentReference {
    return this.db.collection('orders').doc(id); // @not-promise
  }

  async create(order: Order): Promise<string> {
    const ref = this.db.collection('orders').doc(); // @not-promise
    const lines = order.lines.map((line) => ({ ...line, quantity: parseQuantity(line.quantity) })); // @not-promise
    await ref.set({ ...order, lines, createdAt: FieldValue.serverTimestamp() }); // @promise
    await this.topic.publishMessage({ json: { type: 'order.created', id: ref.id } }); // @promise
    this.cache.set(ref.id, { ...order, id: ref.id }); // @not-promise
    return ref.id; // @not-promise
  }

  get(id: string): Promise<Order | null> {
    return this.ref(id) // @promise
      .get()
      .then((snap) => (snap.exists ? ({ id: snap.id, ...snap.data() } as Order) : null));
  }

  cached(id: string): Order | undefined {
    return this.cache.get(id); // @not-promise
  }

  cancel(id: string) {
    this.cache.delete(id); // @not-promise
    return this.ref(id).update({ status: 'cancelled' }); // @promise
  }

  async cancelAll(ids: string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.cancel(id))); // @promise
  }

  size(): number {
    return this.cache.size; // @not-promise
  }

  static fromEnv(): OrderService {
    return new OrderService(); // @not-promise
  }

  watch(id: string, onChange: (order: Order) => void): () => void {
    return this.ref(id).onSnapshot((snap) => onChange(snap.data() as Order)); // @not-promise -- the unsubscribe function
  }
}

export const orderService = OrderService.fromEnv(); // @not-promise

export async function notifyWarehouse(order: Order): Promise<void> {
  await orderService.create({ ...order, status: 'paid' }); // @promise
}

export function describeOrder(order: Order): string {
  return `${order.lines.length} lines for ${order.customerId}`; // @not-promise
}
