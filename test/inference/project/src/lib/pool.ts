// @ts-nocheck -- the project's packages are not installed in this repository
// A small concurrency pool: its map and forEach are asynchronous, unlike the array methods.
export class TaskPool {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  private async acquire(): Promise<void> {
    if (this.active < this.size) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve)); // @promise
    this.active++;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire(); // @promise
    try {
      return await task(); // @either -- the caller's task
    } finally {
      this.release(); // @not-promise
    }
  }

  map<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    return Promise.all(items.map((item) => this.run(() => fn(item)))); // @promise
  }

  async forEach<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
    await this.map(items, fn); // @promise
  }

  get pending(): number {
    return this.waiting.length; // @not-promise
  }
}

export const defaultPool = new TaskPool(4); // @not-promise
