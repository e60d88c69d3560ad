/**
 * The controlled world a program runs in: every module it may `require` or `import` is answered by
 * a fake, and every asynchronous fake method starts a work item whose settlement the scheduler
 * chooses (see scheduler.ts). State is kept in memory (Firestore documents, Realtime Database
 * values, an in-memory file system), and writes take effect when their work item settles, so the
 * order of a removal and a read is observable: `unlink` before `readFileSync` throws ENOENT.
 *
 * Registrations are captured, never run by the module: `functions.http(name, fn)`,
 * `onRequest(fn)`, Express apps and routes, `http.createServer(fn)`. Background triggers
 * (`pubsub.topic().onPublish`, `onDocumentCreated`, `onCall`, `cloudEvent`) are captured and
 * marked so that they are never invoked. A module the world does not know makes the program not
 * executable (see `UnknownModuleError`).
 */
import nodePath from 'node:path';
import nodeUtil from 'node:util';
import nodeAssert from 'node:assert';
import nodeCrypto from 'node:crypto';
import nodeEvents from 'node:events';
import nodeUrl from 'node:url';
import nodeQuerystring from 'node:querystring';
import { Emitter, type FakeRequest, type FakeResponse, type Realm, statusText } from './http';
import type { Scheduler } from './scheduler';
import { createSdkModule } from './sdks';

/** The program requires a module the world has no fake for. */
export class UnknownModuleError extends Error {
  constructor(readonly specifier: string) {
    super(`module "${specifier}" is not part of the world`);
    this.name = 'UnknownModuleError';
  }
}

type Fn = (...args: any[]) => any;

/** Where an HTTP handler was registered: decides the platform wrapper that invokes it. */
export type EntryKind = 'functions-framework' | 'node-http' | 'express-listen';

export interface Entry {
  kind: EntryKind;
  name: string;
  fn: Fn;
}

/** Marks on functions made by fakes. */
export const BACKGROUND = Symbol('background trigger');
export const EXPRESS_APP = Symbol('express app');
export const FIREBASE_HTTPS = Symbol('firebase https function');

export interface ExpressRoute {
  method: string;
  path: string;
}

export interface WorldOptions {
  scheduler: Scheduler;
  realm: Realm;
  /** Original source lines of the program's calls on the stack now, innermost first. */
  callerLines(): number[];
  /** Router semantics of the program's `express` package. */
  expressMajor: 4 | 5;
  log(message: string): void;
}

const DEFAULT_DOC = (id: string): Record<string, unknown> => ({ id, name: `name-${id}`, count: 1, email: 'user@example.com', status: 'active' });

export class World {
  readonly entries: Entry[] = [];
  /** Every `express()` app the program made. */
  readonly apps: Fn[] = [];
  /** Every `express.Router()` the program made, and the routers and apps mounted in another one. */
  readonly routers: Fn[] = [];
  readonly mounted = new Set<Fn>();
  readonly files = new Map<string, string>();
  /** Cloud Storage objects exist unless the program deleted them. */
  readonly deleted = new Set<string>();
  readonly documents = new Map<string, Record<string, unknown> | null>();
  readonly database = new Map<string, unknown>();
  private readonly cache = new Map<string, unknown>();
  private nextId = 1;

  constructor(readonly options: WorldOptions) {}

  get realm(): Realm {
    return this.options.realm;
  }

  private error(message: string, code?: string): Error {
    const error = new this.realm.Error(message);
    if (code) (error as Error & { code: string }).code = code;
    return error;
  }

  /**
   * Start a work item labelled `label`; the promise (of the program's realm) settles when the
   * scheduler says, with `effect()`'s value, or rejects with an error naming the label.
   */
  work<T>(label: string, effect: () => T, writes = false): Promise<T> {
    const lines = this.options.callerLines();
    return new this.realm.Promise<T>((resolve, reject) => {
      this.options.scheduler.start(label, lines, writes, (ok) => {
        if (!ok) return reject(this.error(`${label} failed`, 'EFAKE'));
        try {
          resolve(effect());
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  /** Callback form: `callback(err, value)` runs when the work item settles. */
  workWithCallback<T>(label: string, effect: () => T, callback: Fn, writes = false): void {
    const lines = this.options.callerLines();
    this.options.scheduler.start(label, lines, writes, (ok) => {
      let value: T | undefined;
      let error: unknown = null;
      if (ok) {
        try {
          value = effect();
        } catch (e) {
          error = e;
        }
      } else {
        error = this.error(`${label} failed`, 'EFAKE');
      }
      this.options.scheduler.invoke(() => (error ? callback(error) : callback(null, value)));
    });
  }

  /** Response objects of this run: an unknown function that receives one makes the run meaningless. */
  readonly responses = new WeakSet<object>();
  /** Stand-ins that were handed the response (the world cannot know what they do with it). */
  readonly opaqueGotResponse: string[] = [];

  /**
   * A stand-in for an identifier the program uses without declaring it (a global service such as
   * `db`, `queue`, `store` in a fixture). Property reads give further stand-ins. A call is a
   * builder step when the program reads a property of its result (`db.collection('a').doc(id)`),
   * and otherwise work: a work item `<path>(<first string argument>)` that starts when the result
   * is used as a promise, or at the end of the current job if it is not used at all (a floating
   * call), and resolves to a plain object; a trailing function argument is called back Node-style
   * instead. A stand-in never responds: one handed the response is recorded, and the run is
   * reported as not executable.
   */
  opaque(path: string): unknown {
    const world = this;
    const standIn = new Proxy(() => {}, {
      get(_target, key) {
        if (typeof key === 'symbol' || key === 'then' || key === 'toJSON') return undefined;
        if (key === 'toString' || key === 'valueOf') return () => `[${path}]`;
        return world.opaque(`${path}.${key}`);
      },
      apply(_target, _this, args: unknown[]) {
        if (args.some((a) => a !== null && typeof a === 'object' && world.responses.has(a))) world.opaqueGotResponse.push(path);
        const label = `${path}(${typeof args[0] === 'string' ? args[0] : ''})`;
        const value = () => new Proxy({}, { get: (_t, k) => (typeof k === 'string' && k !== 'then' && k !== 'toJSON' ? `${k}-1` : undefined) });
        const last = args[args.length - 1];
        if (typeof last === 'function') return world.workWithCallback(label, value, last as Fn, true);
        const lines = world.options.callerLines();
        let promise: Promise<unknown> | null = null;
        let builder = false;
        const start = (): Promise<unknown> => {
          if (!promise) {
            promise = new world.realm.Promise((resolve, reject) => {
              world.options.scheduler.start(label, lines, true, (ok) => (ok ? resolve(value()) : reject(world.error(`${label} failed`, 'EFAKE'))));
            });
          }
          return promise;
        };
        void world.realm.Promise.resolve().then(() => {
          if (!builder) start();
        });
        return new Proxy(() => {}, {
          get(_t, key) {
            if (key === 'then' || key === 'catch' || key === 'finally') {
              const p = start();
              return (p[key] as Fn).bind(p);
            }
            // Read, serialised or converted: the result is used as a value, so the call was a
            // synchronous step (a builder or a helper), not work.
            if (!promise) builder = true;
            if (typeof key === 'symbol' || key === 'toJSON') return undefined;
            return world.opaque(`${label}.${key}`);
          },
        });
      },
      construct() {
        return world.opaque(`new ${path}`) as object;
      },
    });
    this.standIns.add(standIn);
    return standIn;
  }

  private readonly standIns = new WeakSet<object>();

  /** Is `value` a stand-in (an undeclared identifier, a missing local module, or a property of one)? */
  isStandIn(value: unknown): boolean {
    return (typeof value === 'function' || (typeof value === 'object' && value !== null)) && this.standIns.has(value);
  }

  /** Local modules the program requires that are not beside it, each run as a stand-in (see `opaque`). */
  readonly standInModules: string[] = [];

  /**
   * A relative module that names no file: the world cannot know what it does, any more than an
   * undeclared identifier, so it is a stand-in named by its specifier (`./queue.enqueue(...)`).
   */
  standInModule(specifier: string): unknown {
    if (!this.standInModules.includes(specifier)) this.standInModules.push(specifier);
    return this.opaque(specifier);
  }

  private id(prefix: string): string {
    return `${prefix}-${this.nextId++}`;
  }

  /** The module `specifier`, or UnknownModuleError. Each module is created once per run. */
  require(specifier: string): unknown {
    const name = specifier.replace(/^node:/, '');
    if (this.cache.has(name)) return this.cache.get(name);
    const value = this.createModule(name);
    if (value === undefined) throw new UnknownModuleError(specifier);
    this.cache.set(name, value);
    return value;
  }

  private createModule(name: string): unknown {
    switch (name) {
      case 'path':
        return nodePath;
      case 'util':
        return nodeUtil;
      case 'crypto':
        return nodeCrypto;
      case 'assert':
      case 'assert/strict':
        // Synchronous checks that throw: the real module.
        return nodeAssert;
      case 'events':
        return nodeEvents;
      case 'url':
        return nodeUrl;
      case 'querystring':
        return nodeQuerystring;
      case 'os':
        return { tmpdir: () => '/tmp', hostname: () => 'localhost', EOL: '\n' };
      case 'fs':
        return this.fs();
      case 'fs/promises':
        return this.fsPromises();
      case 'http':
      case 'https':
        return this.http();
      case 'firebase-admin':
        return this.firebaseAdmin();
      case 'firebase-admin/app':
        return this.firebaseAdminApp();
      case 'firebase-admin/firestore':
        return { getFirestore: () => this.firestore(), ...this.firestoreStatics(), Firestore: this.firestoreClass() };
      case 'firebase-admin/database':
        return { getDatabase: () => this.rtdb(), ServerValue: { TIMESTAMP: { '.sv': 'timestamp' } } };
      case 'firebase-admin/auth':
        return { getAuth: () => this.auth() };
      case 'firebase-admin/messaging':
        return { getMessaging: () => this.messaging() };
      case 'firebase-admin/storage':
        return { getStorage: () => this.storage() };
      case '@google-cloud/firestore':
        return { Firestore: this.firestoreClass(), ...this.firestoreStatics() };
      case '@google-cloud/storage': {
        const world = this;
        return {
          Storage: function Storage() {
            return world.storage();
          },
        };
      }
      case '@google-cloud/pubsub': {
        const world = this;
        return {
          PubSub: function PubSub() {
            return world.pubsub();
          },
        };
      }
      case 'firebase-functions':
      case 'firebase-functions/v1':
        return this.firebaseFunctionsV1();
      case 'firebase-functions/v2':
        return this.firebaseFunctionsV2();
      case 'firebase-functions/v2/https':
      case 'firebase-functions/https':
        return this.firebaseFunctionsV2().https;
      case 'firebase-functions/logger':
      case 'firebase-functions/v2/logger':
        return this.logger();
      case 'firebase-functions/params':
        return this.params();
      case 'firebase-functions/v2/firestore':
      case 'firebase-functions/v2/pubsub':
      case 'firebase-functions/v2/storage':
      case 'firebase-functions/v2/scheduler':
      case 'firebase-functions/v2/database':
      case 'firebase-functions/v2/tasks':
      case 'firebase-functions/v2/identity':
      case 'firebase-functions/firestore':
      case 'firebase-functions/pubsub':
      case 'firebase-functions/scheduler':
      case 'firebase-functions/storage':
        return this.backgroundBuilders();
      case '@google-cloud/functions-framework':
        return this.functionsFramework();
      case 'express':
        return this.express();
      case 'cors':
        return this.cors();
      case 'axios':
        return this.axios();
      case 'node-fetch': {
        const fetch = this.fetch();
        return Object.assign(fetch, { default: fetch });
      }
      case 'nodemailer':
        return this.nodemailer();
      case 'busboy':
        return this.busboy();
      case 'dialogflow-fulfillment':
        return this.dialogflow();
      default:
        return createSdkModule(this, name);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Firestore

  firestoreStatics(): Record<string, unknown> {
    return {
      FieldValue: {
        serverTimestamp: () => ({ __fieldValue: 'serverTimestamp' }),
        increment: (n: number) => ({ __fieldValue: 'increment', n }),
        arrayUnion: (...v: unknown[]) => ({ __fieldValue: 'arrayUnion', v }),
        arrayRemove: (...v: unknown[]) => ({ __fieldValue: 'arrayRemove', v }),
        delete: () => ({ __fieldValue: 'delete' }),
      },
      Timestamp: {
        now: () => ({ seconds: this.options.scheduler.time, nanoseconds: 0, toDate: () => new Date(0) }),
        fromDate: (d: Date) => ({ seconds: Math.floor(d.getTime() / 1000), nanoseconds: 0, toDate: () => d }),
        fromMillis: (ms: number) => ({ seconds: Math.floor(ms / 1000), nanoseconds: 0, toDate: () => new Date(ms) }),
      },
      FieldPath: { documentId: () => '__name__' },
      GeoPoint: function GeoPoint(this: Record<string, unknown>, lat: number, lng: number) {
        this.latitude = lat;
        this.longitude = lng;
      },
    };
  }

  private firestoreClass(): Fn {
    const world = this;
    return function Firestore() {
      return world.firestore();
    };
  }

  firestore(): Record<string, unknown> {
    const cached = this.cache.get('#firestore');
    if (cached) return cached as Record<string, unknown>;
    const world = this;
    const snapshot = (path: string) => {
      const stored = world.documents.get(path);
      const id = path.split('/').pop() ?? path;
      const data = stored === undefined ? DEFAULT_DOC(id) : stored;
      return {
        id,
        exists: data !== null,
        ref: doc(path),
        data: () => (data === null ? undefined : { ...data }),
        get: (field: string) => (data === null ? undefined : data[field]),
        createTime: { seconds: 0 },
        updateTime: { seconds: 0 },
      };
    };
    const querySnapshot = (path: string) => {
      const docs = [snapshot(`${path}/doc-1`)];
      return { docs, empty: false, size: docs.length, forEach: (fn: Fn) => docs.forEach(fn) };
    };
    const write = (path: string, data: unknown, merge: boolean) => {
      const previous = world.documents.get(path);
      const base = merge && previous ? previous : {};
      world.documents.set(path, { ...base, ...(data as Record<string, unknown>) });
    };
    const query = (path: string): Record<string, unknown> => {
      const q: Record<string, unknown> = {
        path,
        get: () => world.work(`firestore.query ${path}`, () => querySnapshot(path)),
        count: () => ({ get: () => world.work(`firestore.count ${path}`, () => ({ data: () => ({ count: 1 }) })) }),
        onSnapshot: () => () => undefined,
        stream: () => world.readable(`firestore.stream ${path}`, '[]'),
      };
      for (const m of ['where', 'orderBy', 'limit', 'limitToLast', 'offset', 'startAt', 'startAfter', 'endAt', 'endBefore', 'select']) {
        q[m] = () => query(path);
      }
      return q;
    };
    const collection = (path: string): Record<string, unknown> => ({
      ...query(path),
      id: path.split('/').pop(),
      doc: (id?: string) => doc(`${path}/${id ?? world.id('auto')}`),
      add: (data: unknown) => {
        const ref = doc(`${path}/${world.id('added')}`);
        return world.work(`firestore.add ${path}`, () => (write(ref.path as string, data, false), ref), true);
      },
      listDocuments: () => world.work(`firestore.listDocuments ${path}`, () => [doc(`${path}/doc-1`)]),
    });
    function doc(path: string): Record<string, unknown> {
      return {
        id: path.split('/').pop(),
        path,
        parent: { id: path.split('/').slice(-2, -1)[0], path: path.split('/').slice(0, -1).join('/') },
        collection: (sub: string) => collection(`${path}/${sub}`),
        get: () => world.work(`firestore.get ${path}`, () => snapshot(path)),
        set: (data: unknown, options?: { merge?: boolean }) =>
          world.work(`firestore.set ${path}`, () => (write(path, data, !!options?.merge), { writeTime: {} }), true),
        update: (data: unknown) => world.work(`firestore.update ${path}`, () => (write(path, data, true), { writeTime: {} }), true),
        create: (data: unknown) => world.work(`firestore.create ${path}`, () => (write(path, data, false), { writeTime: {} }), true),
        delete: () => world.work(`firestore.delete ${path}`, () => (world.documents.set(path, null), { writeTime: {} }), true),
        onSnapshot: () => () => undefined,
        isEqual: (other: { path?: string }) => other?.path === path,
      };
    }
    const batch = () => {
      const ops: (() => void)[] = [];
      const b: Record<string, unknown> = {
        set: (ref: { path: string }, data: unknown, options?: { merge?: boolean }) => (ops.push(() => write(ref.path, data, !!options?.merge)), b),
        update: (ref: { path: string }, data: unknown) => (ops.push(() => write(ref.path, data, true)), b),
        create: (ref: { path: string }, data: unknown) => (ops.push(() => write(ref.path, data, false)), b),
        delete: (ref: { path: string }) => (ops.push(() => world.documents.set(ref.path, null)), b),
        commit: () => world.work('firestore.batch.commit', () => (ops.forEach((op) => op()), []), true),
      };
      return b;
    };
    const db: Record<string, unknown> = {
      collection,
      doc,
      collectionGroup: (id: string) => query(`**/${id}`),
      batch,
      bulkWriter: () => {
        const b = batch();
        return { ...b, close: b.commit, flush: b.commit };
      },
      getAll: (...refs: { path: string }[]) => world.work('firestore.getAll', () => refs.map((r) => snapshot(r.path))),
      runTransaction: (fn: Fn) => {
        const ops: (() => void)[] = [];
        const tx: Record<string, unknown> = {
          get: (ref: { path: string; get?: Fn }) => (ref.path ? world.work(`firestore.get ${ref.path}`, () => snapshot(ref.path)) : (ref as { get: Fn }).get()),
          set: (ref: { path: string }, data: unknown, o?: { merge?: boolean }) => (ops.push(() => write(ref.path, data, !!o?.merge)), tx),
          update: (ref: { path: string }, data: unknown) => (ops.push(() => write(ref.path, data, true)), tx),
          create: (ref: { path: string }, data: unknown) => (ops.push(() => write(ref.path, data, false)), tx),
          delete: (ref: { path: string }) => (ops.push(() => world.documents.set(ref.path, null)), tx),
        };
        return world.realm.Promise.resolve()
          .then(() => fn(tx))
          .then((result: unknown) => world.work('firestore.transaction.commit', () => (ops.forEach((op) => op()), result), true));
      },
      settings: () => undefined,
      recursiveDelete: (ref: { path: string }) => world.work(`firestore.recursiveDelete ${ref.path}`, () => undefined, true),
      ...this.firestoreStatics(),
    };
    this.cache.set('#firestore', db);
    return db;
  }

  // -------------------------------------------------------------------------------------------
  // Realtime Database

  rtdb(): Record<string, unknown> {
    const cached = this.cache.get('#rtdb');
    if (cached) return cached as Record<string, unknown>;
    const world = this;
    const snap = (path: string) => {
      const value = world.database.has(path) ? world.database.get(path) : { value: path };
      return {
        key: path.split('/').pop() ?? null,
        val: () => value,
        exists: () => value !== null && value !== undefined,
        numChildren: () => (value && typeof value === 'object' ? Object.keys(value).length : 0),
        forEach: () => false,
        child: (p: string) => snap(`${path}/${p}`),
      };
    };
    const ref = (path: string): Record<string, unknown> => {
      const r: Record<string, unknown> = {
        key: path.split('/').pop() ?? null,
        path,
        toString: () => `https://db.example/${path}`,
        child: (p: string) => ref(`${path}/${p}`),
        set: (value: unknown) => world.work(`database.set ${path}`, () => void world.database.set(path, value), true),
        update: (value: unknown) => world.work(`database.update ${path}`, () => void world.database.set(path, value), true),
        remove: () => world.work(`database.remove ${path}`, () => void world.database.set(path, null), true),
        once: (_event?: string) => world.work(`database.once ${path}`, () => snap(path)),
        get: () => world.work(`database.get ${path}`, () => snap(path)),
        transaction: (fn: Fn) =>
          world.work(
            `database.transaction ${path}`,
            () => {
              const value = fn(world.database.get(path) ?? null);
              world.database.set(path, value);
              return { committed: true, snapshot: snap(path) };
            },
            true,
          ),
        on: () => undefined,
        off: () => undefined,
        push: (value?: unknown) => {
          const child = ref(`${path}/${world.id('push')}`);
          if (value === undefined) return child;
          // A ThenableReference: the new child, also a promise of the write.
          const promise = world.work(`database.push ${path}`, () => void world.database.set(child.path as string, value), true);
          return Object.assign(child, {
            then: (a?: Fn, b?: Fn) => promise.then(a, b),
            catch: (b?: Fn) => promise.catch(b),
          });
        },
      };
      for (const m of ['orderByChild', 'orderByKey', 'orderByValue', 'limitToFirst', 'limitToLast', 'startAt', 'endAt', 'equalTo']) {
        r[m] = () => ref(path);
      }
      return r;
    };
    const db = { ref: (path = '') => ref(path), refFromURL: (url: string) => ref(url) };
    this.cache.set('#rtdb', db);
    return db;
  }

  // -------------------------------------------------------------------------------------------
  // Other firebase-admin services

  /** An object whose every method starts a work item `<prefix>.<method>` resolving to `value(method)`. */
  private service(prefix: string, value: (method: string, args: unknown[]) => unknown, writes: (method: string) => boolean): object {
    const world = this;
    return new Proxy(
      {},
      {
        get(_target, key) {
          if (typeof key !== 'string' || key === 'then' || key === 'toJSON') return undefined;
          return (...args: unknown[]) => world.work(`${prefix}.${key}`, () => value(key, args), writes(key));
        },
      },
    );
  }

  auth(): object {
    return this.cached('#auth', () =>
      this.service(
        'auth',
        (method) =>
          /^(list)/.test(method)
            ? { users: [] }
            : /Token$|Link$/.test(method) && !/verify/.test(method)
              ? `${method}-result`
              : { uid: 'uid-1', email: 'user@example.com', customClaims: {}, emailVerified: true },
        (m) => !/^(get|verify|list)/.test(m),
      ),
    );
  }

  messaging(): object {
    return this.cached('#messaging', () =>
      this.service(
        'messaging',
        (method) => (/Multicast|Each|All|Device|Topic/.test(method) ? { successCount: 1, failureCount: 0, responses: [] } : 'message-1'),
        () => true,
      ),
    );
  }

  storage(): object {
    return this.cached('#storage', () => {
      const world = this;
      const file = (bucket: string, name: string): Record<string, unknown> => {
        const key = `gs://${bucket}/${name}`;
        return {
          name,
          bucket: { name: bucket },
          save: (data: unknown) => world.work(`storage.save ${key}`, () => void world.files.set(key, String(data)), true),
          download: () =>
            world.work(`storage.download ${key}`, () => {
              if (world.deleted.has(key)) throw world.error(`No such object: ${key}`, '404');
              return [Buffer.from(world.files.get(key) ?? `object ${key}`)];
            }),
          delete: () => world.work(`storage.delete ${key}`, () => (world.files.delete(key), world.deleted.add(key), [{}]), true),
          exists: () => world.work(`storage.exists ${key}`, () => [!world.deleted.has(key)]),
          getSignedUrl: () => world.work(`storage.getSignedUrl ${key}`, () => [`https://signed.example/${bucket}/${name}`]),
          getMetadata: () => world.work(`storage.getMetadata ${key}`, () => [{ name, contentType: 'text/plain' }]),
          makePublic: () => world.work(`storage.makePublic ${key}`, () => [{}], true),
          publicUrl: () => `https://storage.example/${bucket}/${name}`,
          createReadStream: () =>
            world.readable(`storage.read ${key}`, () => {
              if (world.deleted.has(key)) throw world.error(`No such object: ${key}`, '404');
              return world.files.get(key) ?? `object ${key}`;
            }),
          createWriteStream: () => world.writable(`storage.write ${key}`, (content) => void world.files.set(key, content)),
        };
      };
      const bucket = (name = 'default-bucket') => ({
        name,
        file: (path: string) => file(name, path),
        upload: (local: string, options?: { destination?: string }) =>
          world.work(
            `storage.upload gs://${name}/${options?.destination ?? local}`,
            () => {
              const content = world.fileContent(local);
              if (content === undefined) throw world.error(`ENOENT: no such file or directory, open '${local}'`, 'ENOENT');
              world.files.set(`gs://${name}/${options?.destination ?? nodePath.basename(local)}`, content);
              return [file(name, options?.destination ?? local)];
            },
            true,
          ),
        getFiles: () => world.work(`storage.getFiles ${name}`, () => [[]]),
        deleteFiles: () => world.work(`storage.deleteFiles ${name}`, () => undefined, true),
      });
      return { bucket };
    });
  }

  private cached<T>(key: string, create: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, create());
    return this.cache.get(key) as T;
  }

  firebaseAdminApp(): Record<string, unknown> {
    const app = { name: '[DEFAULT]', options: {} };
    return {
      initializeApp: () => app,
      getApp: () => app,
      getApps: () => [app],
      cert: (x: unknown) => x,
      applicationDefault: () => ({}),
    };
  }

  firebaseAdmin(): Record<string, unknown> {
    const world = this;
    const firestore = Object.assign(() => world.firestore(), world.firestoreStatics());
    const database = Object.assign(() => world.rtdb(), {
      ServerValue: { TIMESTAMP: { '.sv': 'timestamp' }, increment: (n: number) => ({ '.sv': { increment: n } }) },
    });
    const app = {
      name: '[DEFAULT]',
      firestore,
      database,
      auth: () => world.auth(),
      messaging: () => world.messaging(),
      storage: () => world.storage(),
    };
    const admin = {
      ...this.firebaseAdminApp(),
      initializeApp: () => app,
      app: () => app,
      apps: [app],
      credential: { cert: (x: unknown) => x, applicationDefault: () => ({}) },
      firestore,
      database,
      auth: () => world.auth(),
      messaging: () => world.messaging(),
      storage: () => world.storage(),
    };
    return Object.assign(admin, { default: admin });
  }

  // -------------------------------------------------------------------------------------------
  // Platforms: firebase-functions, the Functions Framework, Express, node http

  logger(): Record<string, unknown> {
    const log =
      (level: string) =>
      (...args: unknown[]) =>
        this.options.log(`${level}: ${args.map((a) => (typeof a === 'string' ? a : nodeUtil.inspect(a, { depth: 1 }))).join(' ')}`);
    return { log: log('log'), info: log('info'), debug: log('debug'), warn: log('warn'), error: log('error'), write: log('write') };
  }

  private params(): Record<string, unknown> {
    const param = (name: string) => ({ value: () => `${name}-value`, name });
    return { defineString: param, defineSecret: param, defineInt: () => ({ value: () => 1 }), defineBoolean: () => ({ value: () => true }) };
  }

  /** Any chain of property reads and calls that ends in a background trigger (never invoked). */
  private backgroundBuilders(): object {
    const marker = (): unknown => {
      const fn = Object.assign(() => undefined, { [BACKGROUND]: true });
      return new Proxy(fn, {
        get(target, key) {
          if (key === BACKGROUND) return true;
          if (key === 'then' || typeof key === 'symbol') return Reflect.get(target, key);
          return marker();
        },
        apply() {
          return marker();
        },
      });
    };
    return marker() as object;
  }

  /**
   * firebase-functions' HTTPS wrapper (v1 `https.onRequest` and v2 `onRequest`, firebase-functions
   * 7.x): `lib/common/providers/https.js` `withErrorHandler` awaits the handler and, when it throws
   * or its promise rejects, logs "Unhandled error" and sends `res.status(500).send('Internal Server
   * Error')` unless headers were sent; `lib/v1/providers/https.js` `_onRequestWithOptions` and
   * `lib/v2/providers/https.js` `onRequest` wrap it with `withInit` and `wrapTraceContext`, which
   * only pass it on. With a `cors` option, a cors middleware runs first (`res.on('finish')` also
   * settles the wrapper's promise). The returned function is what the Functions Framework invokes.
   */
  private firebaseOnRequest(version: 1 | 2): Fn {
    const world = this;
    return (optsOrHandler: unknown, maybeHandler?: unknown) => {
      const handler = (typeof optsOrHandler === 'function' ? optsOrHandler : maybeHandler) as Fn;
      const opts = typeof optsOrHandler === 'function' ? {} : (optsOrHandler as Record<string, unknown>);
      const withErrorHandler = async (req: FakeRequest, res: FakeResponse) => {
        try {
          await handler(req, res);
        } catch (err) {
          world.options.log(`error: Unhandled error ${String((err as Error)?.message ?? err)}`);
          if (!res.headersSent) (res.status as Fn)(500).send('Internal Server Error');
        }
      };
      const cloudFunction = (req: FakeRequest, res: FakeResponse) => {
        if (opts && 'cors' in opts) {
          return new Promise((resolve) => {
            res.on('finish', resolve);
            world.corsMiddleware()(req, res, () => resolve(withErrorHandler(req, res)));
          });
        }
        return withErrorHandler(req, res);
      };
      return Object.assign(cloudFunction, { [FIREBASE_HTTPS]: version, __handler: handler });
    };
  }

  firebaseFunctionsV1(): Record<string, unknown> {
    const world = this;
    const background = this.backgroundBuilders() as Record<string, unknown>;
    const https = {
      onRequest: this.firebaseOnRequest(1),
      onCall: (fn: Fn) => Object.assign(() => undefined, { [BACKGROUND]: true, __handler: fn }),
      HttpsError: class HttpsError extends Error {
        constructor(
          readonly code: string,
          message: string,
        ) {
          super(message);
        }
      },
    };
    const builder: Record<string, unknown> = {
      https,
      pubsub: background,
      firestore: background,
      database: background,
      storage: background,
      auth: background,
      tasks: background,
      analytics: background,
      remoteConfig: background,
      testLab: background,
    };
    builder.region = () => builder;
    builder.runWith = () => builder;
    return {
      ...builder,
      logger: this.logger(),
      config: () =>
        new Proxy(
          {},
          { get: (_t, k) => (typeof k === 'string' ? new Proxy({}, { get: (_u, j) => (typeof j === 'string' ? `${k}.${j}` : undefined) }) : undefined) },
        ),
      params: this.params(),
      get default() {
        return world.firebaseFunctionsV1();
      },
    };
  }

  firebaseFunctionsV2(): { https: Record<string, unknown>; [key: string]: unknown } {
    const background = this.backgroundBuilders() as Record<string, unknown>;
    const https = {
      onRequest: this.firebaseOnRequest(2),
      onCall: (...args: unknown[]) => Object.assign(() => undefined, { [BACKGROUND]: true, __handler: args[args.length - 1] }),
      HttpsError: class HttpsError extends Error {},
    };
    return {
      https,
      setGlobalOptions: () => undefined,
      logger: this.logger(),
      firestore: background,
      pubsub: background,
      storage: background,
      scheduler: background,
      tasks: background,
      database: background,
      params: this.params(),
    };
  }

  functionsFramework(): Record<string, unknown> {
    const registry = new Map<string, Fn>();
    return {
      http: (name: string, fn: Fn) => {
        registry.set(name, fn);
        this.entries.push({ kind: 'functions-framework', name, fn });
      },
      cloudEvent: (name: string, fn: Fn) => registry.set(name, Object.assign(fn, { [BACKGROUND]: true })),
      getFunction: (name: string) => registry.get(name),
    };
  }

  http(): Record<string, unknown> {
    const world = this;
    const createServer = (...args: unknown[]) => {
      const server = new Emitter() as Emitter & Record<string, unknown>;
      const fn = args.find((a) => typeof a === 'function') as Fn | undefined;
      if (fn) world.entries.push({ kind: 'node-http', name: 'server', fn });
      const on = server.on.bind(server);
      server.on = (event: string, listener: Fn) => {
        if (event === 'request') world.entries.push({ kind: 'node-http', name: 'server', fn: listener });
        return on(event, listener);
      };
      server.listen = (...a: unknown[]) => {
        const cb = a.find((x) => typeof x === 'function') as Fn | undefined;
        cb?.();
        return server;
      };
      server.close = () => server;
      return server;
    };
    return { createServer, STATUS_CODES: {}, Server: createServer };
  }

  /** The router: Express 4 (`lib/router/layer.js` `handle_request`: a sync throw goes to `next(err)`, a returned promise is ignored) or Express 5 (router 2.x `lib/layer.js` `handleRequest`: a rejected returned promise also calls `next(err)`). */
  express(): Fn {
    const world = this;
    const major = this.options.expressMajor;
    const passThrough = () => (_req: unknown, _res: unknown, next: Fn) => next();
    const makeRouter = (isApp: boolean): Fn & Record<string | symbol, unknown> => {
      interface Layer {
        method: string | null;
        path: string | RegExp;
        fn: Fn;
      }
      const layers: Layer[] = [];
      const routes: ExpressRoute[] = [];
      const handle = (req: FakeRequest, res: FakeResponse, out: Fn, relative: string) => {
        let index = 0;
        const next = (err?: unknown): void => {
          if (err === 'router') return out();
          if (err === 'route') err = undefined;
          while (index < layers.length) {
            const layer = layers[index++]!;
            const match = matchPath(layer.path, relative, layer.method === null);
            if (!match) continue;
            if (layer.method !== null && layer.method !== 'all' && layer.method !== String(req.method).toLowerCase()) continue;
            const isErrorHandler = layer.fn.length === 4;
            if (!!err !== isErrorHandler) continue;
            if (layer.method !== null) Object.assign(req.params as object, match.params);
            const inner = layer.fn as Fn & { [EXPRESS_APP]?: { handle: Fn } };
            if (layer.method === null && inner[EXPRESS_APP]) {
              const rest = relative.slice(match.matched.length) || '/';
              return inner[EXPRESS_APP]!.handle(req, res, next, rest.startsWith('/') ? rest : `/${rest}`);
            }
            try {
              const ret = isErrorHandler ? layer.fn(err, req, res, next) : layer.fn(req, res, next);
              if (major === 5 && ret && typeof (ret as { then?: unknown }).then === 'function') {
                (ret as Promise<unknown>).then(undefined, (error: unknown) => next(error || new world.realm.Error('Rejected promise')));
              }
            } catch (error) {
              next(error);
            }
            return;
          }
          out(err);
        };
        next();
      };
      const router = ((req: FakeRequest, res: FakeResponse, next?: Fn) => {
        if (isApp && !next) {
          (req as Record<string, unknown>).res = res;
          (res as Record<string, unknown>).req = req;
        }
        handle(req, res, next ?? ((err?: unknown) => world.finalHandler(req, res, err)), String(req.path));
      }) as Fn & Record<string | symbol, unknown>;
      const add = (method: string | null, args: unknown[]) => {
        let path: string | RegExp = '/';
        if (typeof args[0] === 'string' || args[0] instanceof RegExp || Array.isArray(args[0])) {
          const first = args.shift();
          path = Array.isArray(first) ? String(first[0]) : (first as string | RegExp);
        }
        const fns = (args.flat(Infinity) as unknown[]).filter((f): f is Fn => typeof f === 'function');
        if (method !== null && typeof path === 'string') routes.push({ method, path });
        for (const fn of fns) {
          layers.push({ method, path, fn });
          const sub = (fn as { [EXPRESS_APP]?: { routes: ExpressRoute[] } })[EXPRESS_APP];
          if (sub) world.mounted.add(fn);
          if (method === null && sub && typeof path === 'string') {
            for (const r of sub.routes) routes.push({ method: r.method, path: joinPaths(path, r.path) });
          }
        }
        return router;
      };
      for (const method of ['get', 'post', 'put', 'patch', 'delete', 'all', 'head', 'options']) {
        router[method] = (...args: unknown[]) => {
          if (method === 'get' && isApp && args.length === 1 && typeof args[0] === 'string') return settings[args[0]];
          return add(method, args);
        };
      }
      router.use = (...args: unknown[]) => add(null, args);
      router.route = (path: string) => {
        const chain: Record<string, unknown> = {};
        for (const method of ['get', 'post', 'put', 'patch', 'delete', 'all']) {
          chain[method] = (...fns: unknown[]) => (add(method, [path, ...fns]), chain);
        }
        return chain;
      };
      router.param = () => router;
      const settings: Record<string, unknown> = {};
      router.set = (k: string, v: unknown) => ((settings[k] = v), router);
      router.enable = (k: string) => ((settings[k] = true), router);
      router.disable = (k: string) => ((settings[k] = false), router);
      router.engine = () => router;
      router.locals = {};
      router.listen = (...a: unknown[]) => {
        world.entries.push({ kind: 'express-listen', name: 'app', fn: router });
        const cb = a.find((x) => typeof x === 'function') as Fn | undefined;
        cb?.();
        return { close: () => undefined, on: () => undefined };
      };
      router[EXPRESS_APP] = { handle, routes };
      if (isApp) world.apps.push(router);
      else world.routers.push(router);
      return router;
    };
    const express = Object.assign(() => makeRouter(true), {
      Router: () => makeRouter(false),
      json: passThrough,
      urlencoded: passThrough,
      raw: passThrough,
      text: passThrough,
      static: passThrough,
    });
    return Object.assign(express, { default: express });
  }

  /**
   * finalhandler (Express 4 and 5): an error's `status`/`statusCode` (4xx/5xx), else the response's
   * status if 4xx/5xx, else 500; nothing is sent when headers are out (the socket is destroyed);
   * no error means 404 `Cannot <METHOD> <path>`. The body is the status text, as in production.
   */
  finalHandler(req: FakeRequest, res: FakeResponse, err?: unknown): void {
    let status: number;
    let body: string;
    if (err) {
      const e = err as { status?: unknown; statusCode?: unknown };
      const own = [e.status, e.statusCode].find((s): s is number => typeof s === 'number' && s >= 400 && s < 600);
      const current = res.statusCode as number;
      status = own ?? (current >= 400 && current < 600 ? current : 500);
      body = statusText(status);
      this.options.log(`error: ${String((err as Error)?.message ?? err)}`);
    } else {
      if (res.headersSent) return;
      status = 404;
      body = `Cannot ${String(req.method)} ${String(req.path)}`;
    }
    if (res.headersSent) {
      this.options.scheduler.record({ kind: 'platform', message: `finalhandler: cannot ${status} after headers sent; socket destroyed` });
      return;
    }
    res.statusCode = status;
    (res.setHeader as Fn)('Content-Type', 'text/html; charset=utf-8');
    (res.end as Fn)(body);
  }

  corsMiddleware(): Fn {
    // cors: sets the allow-origin header; a preflight OPTIONS request ends with 204.
    return (req: FakeRequest, res: FakeResponse, next: Fn) => {
      (res.setHeader as Fn)('Access-Control-Allow-Origin', '*');
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        (res.setHeader as Fn)('Content-Length', '0');
        (res.end as Fn)();
        return;
      }
      next();
    };
  }

  private cors(): Fn {
    const world = this;
    const cors = (options?: unknown) => (typeof options === 'function' ? undefined : world.corsMiddleware());
    return Object.assign(cors, { default: cors });
  }

  // -------------------------------------------------------------------------------------------
  // Network clients

  private axios(): Fn {
    const world = this;
    const response = (url: string) => ({ status: 200, statusText: 'OK', data: { ok: true, url }, headers: {} });
    const request =
      (method: string) =>
      (url: unknown, ..._rest: unknown[]) => {
        const target = typeof url === 'object' && url ? String((url as { url?: string }).url) : String(url);
        return world.work(`axios.${method} ${target}`, () => response(target), method !== 'get' && method !== 'head');
      };
    const create = (): Fn => {
      const instance = Object.assign((config: unknown) => request(String((config as { method?: string })?.method ?? 'get').toLowerCase())(config), {
        get: request('get'),
        post: request('post'),
        put: request('put'),
        patch: request('patch'),
        delete: request('delete'),
        head: request('head'),
        request: (config: { method?: string }) => request(String(config?.method ?? 'get').toLowerCase())(config),
        create,
        isAxiosError: () => false,
        interceptors: { request: { use: () => 0 }, response: { use: () => 0 } },
        defaults: { headers: { common: {} } },
      });
      return Object.assign(instance, { default: instance });
    };
    return create();
  }

  fetch(): Fn {
    const world = this;
    return (url: unknown, init?: { method?: string }) => {
      const target = String(url);
      const method = (init?.method ?? 'GET').toUpperCase();
      return world.work(
        `fetch ${method} ${target}`,
        () => ({
          ok: true,
          status: 200,
          statusText: 'OK',
          url: target,
          headers: { get: () => null, has: () => false },
          json: () => world.realm.Promise.resolve({ ok: true, url: target }),
          text: () => world.realm.Promise.resolve(`text of ${target}`),
          arrayBuffer: () => world.realm.Promise.resolve(new ArrayBuffer(0)),
        }),
        method !== 'GET',
      );
    };
  }

  private pubsub(): Record<string, unknown> {
    const world = this;
    const topic = (name: string) => {
      const publish =
        (kind: string) =>
        (data: unknown, ...rest: unknown[]) => {
          const callback = rest.find((r) => typeof r === 'function') as Fn | undefined;
          const label = `pubsub.${kind} ${name}`;
          if (callback) return world.workWithCallback(label, () => 'message-id-1', callback, true);
          void data;
          return world.work(label, () => 'message-id-1', true);
        };
      return {
        name,
        publishMessage: publish('publishMessage'),
        publish: publish('publish'),
        publishJSON: publish('publishJSON'),
        flush: () => world.realm.Promise.resolve(),
      };
    };
    return { topic, close: () => world.realm.Promise.resolve() };
  }

  private nodemailer(): Record<string, unknown> {
    const world = this;
    const createTransport = () => ({
      sendMail: (message: { to?: string }, callback?: Fn) => {
        const label = `mail.sendMail ${message?.to ?? ''}`.trim();
        if (typeof callback === 'function') return world.workWithCallback(label, () => ({ messageId: 'mail-1' }), callback, true);
        return world.work(label, () => ({ messageId: 'mail-1' }), true);
      },
      verify: () => world.work('mail.verify', () => true),
      close: () => undefined,
    });
    return { createTransport, default: { createTransport } };
  }

  // -------------------------------------------------------------------------------------------
  // Streams and files

  /**
   * A readable stream whose content arrives when its work item settles: piping it (`pipe(res)`)
   * or listening for `data`/`end` starts the item. On failure it emits `error`, and a piped
   * destination is not ended (Node's `pipe` does not end it on error).
   */
  readable(label: string, content: string | (() => string)): Emitter & Record<string, unknown> {
    const world = this;
    let started = false;
    const destinations: Record<string, Fn>[] = [];
    class Readable extends Emitter {
      readable = true;
      start(): void {
        if (started) return;
        started = true;
        world.options.scheduler.start(label, world.options.callerLines(), false, (ok) => {
          let text: string;
          try {
            if (!ok) throw world.error(`${label} failed`, 'EFAKE');
            text = typeof content === 'function' ? content() : content;
          } catch (error) {
            world.options.scheduler.invoke(() => {
              if (!this.emit('error', error)) throw error;
            });
            return;
          }
          world.options.scheduler.invoke(() => {
            this.emit('data', Buffer.from(text));
            for (const d of destinations) d.write!(text);
            this.emit('end');
            for (const d of destinations) d.end!();
            this.emit('close');
          });
        });
      }
      pipe(dest: Record<string, Fn>): unknown {
        destinations.push(dest);
        this.start();
        return dest;
      }
      resume(): this {
        this.start();
        return this;
      }
      setEncoding(): this {
        return this;
      }
      destroy(): this {
        return this;
      }
      protected override onListen(event: string): void {
        if (event === 'data' || event === 'end') this.start();
      }
    }
    return new Readable() as unknown as Emitter & Record<string, unknown>;
  }

  /** A writable stream: `end()` starts the work item that stores the content, then `finish`. */
  writable(label: string, store: (content: string) => void): Emitter & Record<string, unknown> {
    const world = this;
    const chunks: string[] = [];
    let ended = false;
    class Writable extends Emitter {
      writable = true;
      write(chunk: unknown, ..._rest: unknown[]): boolean {
        chunks.push(String(chunk));
        return true;
      }
      end(chunk?: unknown, ..._rest: unknown[]): this {
        if (chunk !== undefined && typeof chunk !== 'function') chunks.push(String(chunk));
        if (ended) return this;
        ended = true;
        world.options.scheduler.start(label, world.options.callerLines(), true, (ok) => {
          world.options.scheduler.invoke(() => {
            if (!ok) {
              if (!this.emit('error', world.error(`${label} failed`, 'EFAKE'))) throw world.error(`${label} failed`, 'EFAKE');
              return;
            }
            store(chunks.join(''));
            this.emit('finish');
            this.emit('close');
          });
        });
        return this;
      }
      destroy(): this {
        return this;
      }
    }
    return new Writable() as unknown as Emitter & Record<string, unknown>;
  }

  private enoent(syscall: string, path: string): Error {
    const error = this.error(`ENOENT: no such file or directory, ${syscall} '${path}'`, 'ENOENT');
    return Object.assign(error, { errno: -2, syscall, path });
  }

  /**
   * The program's own folder (a relative path, or one under `/program`, its `__dirname`) holds
   * the files deployed with it (certificates, templates, exports): they exist, with placeholder
   * content, until the program removes them. Anywhere else (`/tmp`) a file exists once written.
   */
  private isDeployed(path: string): boolean {
    return (!nodePath.isAbsolute(path) && !path.includes('://')) || path.startsWith('/program/');
  }

  /** The content of the file at `path`, or undefined when there is none. */
  fileContent(path: string): string | undefined {
    const written = this.files.get(path);
    if (written !== undefined) return written;
    return this.isDeployed(path) && !this.deleted.has(path) ? `contents of ${path}` : undefined;
  }

  /** Remove the file at `path`; false when there was none. */
  private removeFile(path: string): boolean {
    const existed = this.fileContent(path) !== undefined;
    this.files.delete(path);
    if (this.isDeployed(path)) this.deleted.add(path);
    return existed;
  }

  private readFile(path: string, encoding?: unknown): string | Buffer {
    const content = this.fileContent(String(path));
    if (content === undefined) throw this.enoent('open', String(path));
    return encoding ? content : Buffer.from(content);
  }

  private fsPromises(): Record<string, unknown> {
    const world = this;
    const p = (s: unknown) => String(s);
    return {
      readFile: (path: unknown, options?: unknown) => world.work(`fs.readFile ${p(path)}`, () => world.readFile(p(path), options)),
      writeFile: (path: unknown, data: unknown) => world.work(`fs.writeFile ${p(path)}`, () => void world.files.set(p(path), String(data)), true),
      appendFile: (path: unknown, data: unknown) =>
        world.work(`fs.appendFile ${p(path)}`, () => void world.files.set(p(path), (world.files.get(p(path)) ?? '') + String(data)), true),
      unlink: (path: unknown) =>
        world.work(
          `fs.unlink ${p(path)}`,
          () => {
            if (!world.removeFile(p(path))) throw world.enoent('unlink', p(path));
          },
          true,
        ),
      rm: (path: unknown) => world.work(`fs.rm ${p(path)}`, () => void world.removeFile(p(path)), true),
      mkdir: (path: unknown) => world.work(`fs.mkdir ${p(path)}`, () => undefined),
      mkdtemp: (prefix: unknown) => world.work(`fs.mkdtemp ${p(prefix)}`, () => `${p(prefix)}tmp1`),
      stat: (path: unknown) =>
        world.work(`fs.stat ${p(path)}`, () => {
          const content = world.fileContent(p(path));
          if (content === undefined) throw world.enoent('stat', p(path));
          return { size: content.length, isFile: () => true, isDirectory: () => false };
        }),
      access: (path: unknown) =>
        world.work(`fs.access ${p(path)}`, () => {
          if (world.fileContent(p(path)) === undefined) throw world.enoent('access', p(path));
        }),
    };
  }

  private fs(): Record<string, unknown> {
    const world = this;
    const p = (s: unknown) => String(s);
    const promises = this.fsPromises();
    const callbackForm =
      (name: string) =>
      (...args: unknown[]) => {
        const callback = args.pop() as Fn;
        const promise = (promises[name] as Fn)(...args) as Promise<unknown>;
        promise.then(
          (value) => world.options.scheduler.invoke(() => callback(null, value)),
          (error) => world.options.scheduler.invoke(() => callback(error)),
        );
      };
    return {
      promises,
      existsSync: (path: unknown) => world.fileContent(p(path)) !== undefined,
      readFileSync: (path: unknown, options?: unknown) => world.readFile(p(path), options),
      writeFileSync: (path: unknown, data: unknown) => void world.files.set(p(path), String(data)),
      appendFileSync: (path: unknown, data: unknown) => void world.files.set(p(path), (world.files.get(p(path)) ?? '') + String(data)),
      unlinkSync: (path: unknown) => {
        if (!world.removeFile(p(path))) throw world.enoent('unlink', p(path));
      },
      rmSync: (path: unknown) => void world.removeFile(p(path)),
      mkdirSync: () => undefined,
      mkdtempSync: (prefix: unknown) => `${p(prefix)}tmp1`,
      statSync: (path: unknown) => {
        const content = world.fileContent(p(path));
        if (content === undefined) throw world.enoent('stat', p(path));
        return { size: content.length, isFile: () => true, isDirectory: () => false };
      },
      readFile: callbackForm('readFile'),
      writeFile: callbackForm('writeFile'),
      unlink: callbackForm('unlink'),
      stat: callbackForm('stat'),
      mkdir: callbackForm('mkdir'),
      createReadStream: (path: unknown) => world.readable(`fs.read ${p(path)}`, () => String(world.readFile(p(path), 'utf8'))),
      createWriteStream: (path: unknown) => world.writable(`fs.write ${p(path)}`, (content) => void world.files.set(p(path), content)),
    };
  }

  /**
   * A busboy-like multipart parser (`busboy({ headers })` and `new Busboy({ headers })`): fed with
   * `req.pipe(bb)` or `bb.end(req.rawBody)`, it starts one work item; when it settles it emits
   * `field`, `file` (a readable stream of the file's content), then `finish` and `close`.
   */
  private busboy(): Fn {
    const world = this;
    function Busboy(this: unknown) {
      let fed = false;
      const bb = new Emitter() as Emitter & Record<string, unknown>;
      bb.write = () => true;
      bb.end = () => {
        if (fed) return bb;
        fed = true;
        world.options.scheduler.start('busboy.parse', world.options.callerLines(), false, (ok) => {
          world.options.scheduler.invoke(() => {
            if (!ok) {
              if (!bb.emit('error', world.error('busboy.parse failed', 'EFAKE'))) throw world.error('busboy.parse failed', 'EFAKE');
              return;
            }
            bb.emit('field', 'name', 'value-1', { nameTruncated: false, valueTruncated: false });
            const file = world.readable('busboy.file upload.txt', 'file content');
            bb.emit('file', 'upload', file, { filename: 'upload.txt', encoding: '7bit', mimeType: 'text/plain' }, '7bit', 'text/plain');
            bb.emit('finish');
            bb.emit('close');
          });
        });
        return bb;
      };
      return bb;
    }
    return Object.assign(Busboy, { default: Busboy, Busboy });
  }

  /**
   * A Dialogflow-style fulfillment client: `new WebhookClient({ request, response })` owns the
   * response. `handleRequest(intentMap)` runs the handler of the request's intent (or the first
   * one), and once its promise resolves sends the collected messages with `response.json`.
   */
  private dialogflow(): Record<string, unknown> {
    const world = this;
    class WebhookClient {
      readonly request: FakeRequest;
      readonly response: FakeResponse;
      readonly intent: string;
      readonly parameters: Record<string, unknown>;
      private readonly messages: unknown[] = [];
      constructor(options: { request: FakeRequest; response: FakeResponse }) {
        this.request = options.request;
        this.response = options.response;
        const body = options.request.body as { queryResult?: { intent?: { displayName?: string }; parameters?: Record<string, unknown> } };
        const queryResult = body && typeof body === 'object' && body.queryResult && typeof body.queryResult === 'object' ? body.queryResult : undefined;
        this.intent = queryResult?.intent?.displayName ?? '';
        this.parameters = queryResult?.parameters ?? {};
      }
      add(message: unknown): void {
        this.messages.push(message);
      }
      handleRequest(handlers: Map<string, Fn> | Fn): Promise<void> {
        const handler = typeof handlers === 'function' ? handlers : (handlers.get(this.intent) ?? [...handlers.values()][0]);
        return world.realm.Promise.resolve(handler?.(this)).then(() => {
          (this.response.json as Fn)({ fulfillmentMessages: this.messages.map((m) => ({ text: { text: [String(m)] } })) });
        });
      }
    }
    return { WebhookClient, Card: class Card {}, Suggestion: class Suggestion {} };
  }
}

/** Does `pattern` match `path` (a prefix for `use`)? Returns the params and the matched prefix. */
function matchPath(pattern: string | RegExp, path: string, prefix: boolean): { params: Record<string, string>; matched: string } | null {
  if (pattern instanceof RegExp) {
    const m = pattern.exec(path);
    return m && (prefix || m[0] === path) ? { params: {}, matched: prefix ? m[0] : path } : null;
  }
  if (prefix && (pattern === '/' || pattern === '*' || pattern === '')) return { params: {}, matched: '' };
  const names: string[] = [];
  const source = pattern
    .replace(/\/$/, '')
    .replace(/[.+?^${}()|[\]\\]/g, (c) => (c === '?' ? c : `\\${c}`))
    .replace(/:(\w+)(\\\?|\?)?/g, (_m, name: string, optional?: string) => {
      names.push(name);
      return optional ? '?([^/]*)' : '([^/]+)';
    })
    .replace(/\*/g, '.*');
  const re = new RegExp(`^${source}${prefix ? '(?=/|$)' : '/?$'}`, 'i');
  const m = re.exec(path);
  if (!m) return null;
  const params: Record<string, string> = {};
  names.forEach((n, i) => {
    if (m[i + 1] !== undefined) params[n] = m[i + 1]!;
  });
  return { params, matched: m[0] };
}

function joinPaths(a: string, b: string): string {
  return `${a.replace(/\/$/, '')}/${b.replace(/^\//, '')}`.replace(/\/$/, '') || '/';
}

/** A concrete request path for a route pattern (`/users/:id` -> `/users/id-1`). */
export function concretePath(pattern: string): string {
  return pattern.replace(/:(\w+)\??/g, '$1-1').replace(/\*/g, 'any') || '/';
}
