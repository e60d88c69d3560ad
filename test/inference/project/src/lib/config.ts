// @ts-nocheck -- the project's packages are not installed in this repository
// Typed access to the shop settings, loaded once per client.
import { getFirestore } from 'firebase-admin/firestore';

export interface ShopSettings {
  currency: string;
  markup: number;
}

export class SettingsClient {
  private loading: Promise<ShopSettings> | null = null;

  load(): Promise<ShopSettings> {
    if (!this.loading) {
      this.loading = getFirestore() // @promise -- the assignment gives the read
        .doc('config/shop')
        .get()
        .then((snap) => snap.data() as ShopSettings);
    }
    return this.loading; // @promise
  }

  reset(): void {
    this.loading = null; // @not-promise
  }
}

export const settingsClient = new SettingsClient(); // @not-promise

// Started when the module loads, so a warm instance never waits for it.
export const settingsReady = settingsClient.load(); // @promise
