/**
 * What the SDKs that HTTP handlers call return: a small type table traced through bindings
 * (`const db = admin.firestore()` -> `Firestore`; `db.collection(c).doc(id).set(x)` -> a promise).
 * Every entry is checked against the package's own type declarations by
 * `test/transforms/lib/sdk-table.test.ts`; an entry that is not there is never guessed.
 */

/** What calling a method (or the value itself) gives. */
export type SdkResult =
  /** A Promise (or a PromiseLike the SDK documents as awaitable). */
  | 'promise'
  /** A value that is not thenable (synchronous). */
  | 'not-promise'
  /** An object of this SDK type (not thenable); its members are traced further. */
  | { type: string }
  /** An object of this SDK type that is also thenable (RTDB `push()` -> ThenableReference). */
  | { thenable: string };

export interface SdkMethod {
  returns: SdkResult;
  /**
   * The method has a callback overload (`publishMessage(msg, cb)`, `file.save(buf, cb)`,
   * `sendMail(opts, cb)`): called with a function as its last argument it returns no promise.
   */
  callback?: boolean;
}

export interface SdkType {
  /**
   * The TypeScript type this entry describes, as a type expression over `import('pkg')`, used only
   * by the test that checks the table against the `.d.ts` files, e.g.
   * `import('@google-cloud/firestore').DocumentReference`.
   */
  declaration: string;
  /** Methods: name -> result. A method not listed is unknown. */
  methods?: Record<string, SdkResult | SdkMethod>;
  /** Properties (not called): name -> the SDK type of their value. */
  properties?: Record<string, string>;
  /** Calling the value itself (`admin.firestore()`, `getFirestore()`, `nodemailer.createTransport()`). */
  call?: SdkResult;
  /** `new Value(...)` (`new Firestore()`, `new PubSub()`). */
  construct?: SdkResult;
}

/** The SDK types by name. */
export const SDK_TYPES: Readonly<Record<string, SdkType>> = {};

/**
 * Module specifiers -> the SDK type of the module namespace (`require('x')`, `import * as x`), whose
 * properties and methods are its named exports. A default import is the `default` property when the
 * type lists one, otherwise the namespace itself (CommonJS interop).
 */
export const SDK_MODULES: Readonly<Record<string, string>> = {};
