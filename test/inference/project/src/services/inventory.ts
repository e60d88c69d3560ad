// @ts-nocheck -- the project's packages are not installed in this repository
// Stock levels in Firestore, with an RTDB mirror for the live dashboard.
import { getFirestore, FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { getDatabase, type Reference } from 'firebase-admin/database';
import { Storage, type Bucket } from '@google-cloud/storage';

export abstract class Repository<T extends object> {
  protected readonly db: Firestore = getFirestore();

  protected constructor(private readonly collectionName: string) {}

  protected collection() {
    return this.db.collection(this.collectionName); // @not-promise
  }

  async find(id: string): Promise<T | undefined> {
    const snap = await this.collection().doc(id).get(); // @promise
    return snap.data() as T | undefined;
  }

  save(id: string, value: T) {
    return this.collection().doc(id).set(value, { merge: true }); // @promise
  }

  abstract describe(value: T): string;
}

export interface StockLevel {
  sku: string;
  available: number;
  reserved: number;
}

export default class Inventory extends Repository<StockLevel> {
  private readonly live: Reference = getDatabase().ref('stock');
  private readonly exports: Bucket = new Storage().bucket('acme-exports');

  constructor() {
    super('stock'); // @not-promise
  }

  describe(level: StockLevel): string {
    return `${level.sku}: ${level.available} available, ${level.reserved} reserved`; // @not-promise
  }

  async adjust(sku: string, delta: number): Promise<number> {
    const ref = this.collection().doc(sku); // @not-promise
    const next = await this.db.runTransaction(async (tx: Transaction) => { // @promise
      const snap = await tx.get(ref); // @promise
      const available = (snap.get('available') ?? 0) + delta;
      tx.set(ref, { available, updatedAt: FieldValue.serverTimestamp() }, { merge: true }); // @not-promise
      return available; // @not-promise -- a number
    });
    await this.live.child(sku).set(next); // @promise
    return next; // @not-promise
  }

  override async save(id: string, value: StockLevel) {
    const written = await super.save(id, value); // @promise
    await this.mirror(value); // @promise
    return written; // @not-promise
  }

  mirror(level: StockLevel) {
    return this.live.child(level.sku).update({ available: level.available }); // @promise
  }

  log(sku: string, delta: number) {
    return this.live.child('log').push({ sku, delta, at: Date.now() }); // @promise -- RTDB push returns a thenable reference
  }

  subscribe(sku: string, onChange: (available: number) => void) {
    return this.live.child(sku).on('value', (snap) => onChange(snap.val())); // @not-promise -- the listener
  }

  unsubscribe(sku: string): void {
    this.live.child(sku).off(); // @not-promise
  }

  readOnce(sku: string) {
    return this.live.child(sku).once('value'); // @promise
  }

  async exportCsv(rows: StockLevel[]): Promise<string> {
    const name = `stock-${new Date().toISOString().slice(0, 10)}.csv`; // @not-promise
    const body = rows.map((r) => this.describe(r)).join('\n'); // @not-promise
    await this.exports.file(name).save(body, { contentType: 'text/csv' }); // @promise
    return name; // @not-promise
  }

  static async open(): Promise<Inventory> {
    const inventory = new Inventory(); // @not-promise
    await inventory.db.collection('stock').limit(1).get(); // @promise
    return inventory; // @not-promise
  }

  adjustLater = async (sku: string, delta: number): Promise<void> => {
    await this.adjust(sku, delta); // @promise
  };

  count = (): number => 0;
}
