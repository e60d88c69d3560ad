// @ts-nocheck -- the project's packages are not installed in this repository
// Pure helpers: formatting and validation, no I/O.
export interface Money {
  cents: number;
  currency: string;
}

export function formatMoney({ cents, currency }: Money): string {
  const amount = (cents / 100).toFixed(2); // @not-promise
  return `${amount} ${currency}`; // @not-promise
}

export function parseQuantity(value: unknown): number {
  const n = Number.parseInt(String(value), 10); // @not-promise
  return Number.isFinite(n) && n > 0 ? n : 1; // @not-promise
}

export const isEmail = (value: string): boolean => /^[^@\s]+@[^@\s]+$/.test(value);

export function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Pick<T, K> {
  const result = {} as Pick<T, K>;
  keys.forEach((key) => { // @not-promise
    result[key] = source[key];
  });
  return result; // @either -- copies the caller's properties
}

export default function toCsvRow(values: Array<string | number>): string {
  return values.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(','); // @not-promise
}
