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
  | { thenable: string }
  /** A promise whose value is an object of this SDK type (`docRef.get()` -> a DocumentSnapshot). */
  | { resolves: string }
  /** An array (not thenable) of objects of this SDK type (`querySnapshot.docs`). */
  | { array: string };

export interface SdkMethod {
  returns: SdkResult;
  /**
   * The method has a callback overload (`publishMessage(msg, cb)`, `file.save(buf, cb)`,
   * `sendMail(opts, cb)`): called with a function as its last argument it returns no promise.
   */
  callback?: boolean;
  /**
   * The SDK calls the function passed to this method with an object of this SDK type as its first
   * argument (`runTransaction((tx) => ...)`: a Transaction; `querySnapshot.forEach((doc) => ...)`).
   */
  parameter?: string;
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
  /**
   * Properties: name -> the SDK type of their value. A name is in `methods` or in `properties`,
   * never both; calling a property gives its type's `call` (`admin.firestore()`, and
   * `admin.firestore.FieldValue` through the same property).
   */
  properties?: Record<string, string>;
  /** Properties holding arrays of an SDK type: name -> the element type (`docs` of a QuerySnapshot). */
  arrays?: Record<string, string>;
  /** Properties holding plain data, never thenable: ids, paths, sizes, flags, timestamps. */
  data?: readonly string[];
  /**
   * Types a module exports by name, for TypeScript annotations (`db: Firestore`, `tx: Transaction`):
   * name -> the SDK type of a value so annotated.
   */
  types?: Record<string, string>;
  /** Calling the value itself (`admin.firestore()`, `getFirestore()`, `nodemailer.createTransport()`). */
  call?: SdkResult;
  /** `new Value(...)` (`new Firestore()`, `new PubSub()`). */
  construct?: SdkResult;
}

/** A method that returns a promise, or nothing when called with a callback as its last argument. */
const PROMISE_OR_CALLBACK: SdkMethod = { returns: 'promise', callback: true };

const FIRESTORE = "import('firebase-admin/firestore')";
const DATABASE = "import('firebase-admin/database')";
const STORAGE = "import('@google-cloud/storage')";
const PUBSUB = "import('@google-cloud/pubsub')";
const BIGQUERY = "import('@google-cloud/bigquery')";
const DATASTORE = "import('@google-cloud/datastore')";
const SPANNER = "import('@google-cloud/spanner')";
const LOGGING = "import('@google-cloud/logging')";
const PARAMS = "import('firebase-functions/params')";

/** The Firestore classes a TypeScript annotation names (`db: Firestore`, `tx: Transaction`). */
const FIRESTORE_TYPES: Record<string, string> = {
  Firestore: 'firestore.Firestore',
  CollectionReference: 'firestore.CollectionReference',
  DocumentReference: 'firestore.DocumentReference',
  DocumentSnapshot: 'firestore.DocumentSnapshot',
  QueryDocumentSnapshot: 'firestore.QueryDocumentSnapshot',
  QuerySnapshot: 'firestore.QuerySnapshot',
  Query: 'firestore.Query',
  Transaction: 'firestore.Transaction',
  WriteBatch: 'firestore.WriteBatch',
  BulkWriter: 'firestore.BulkWriter',
};

/** Firestore queries: every refinement gives a new query; reading it is a promise. */
const FIRESTORE_QUERY_METHODS: Record<string, SdkResult | SdkMethod> = {
  where: { type: 'firestore.Query' },
  orderBy: { type: 'firestore.Query' },
  limit: { type: 'firestore.Query' },
  limitToLast: { type: 'firestore.Query' },
  offset: { type: 'firestore.Query' },
  select: { type: 'firestore.Query' },
  startAt: { type: 'firestore.Query' },
  startAfter: { type: 'firestore.Query' },
  endBefore: { type: 'firestore.Query' },
  endAt: { type: 'firestore.Query' },
  get: { resolves: 'firestore.QuerySnapshot' },
  count: { type: 'firestore.AggregateQuery' },
  stream: 'not-promise',
  onSnapshot: 'not-promise',
  isEqual: 'not-promise',
};

/** Realtime Database queries: refinements give a query; reads are promises; `on` registers a listener. */
const DATABASE_QUERY_METHODS: Record<string, SdkResult | SdkMethod> = {
  orderByChild: { type: 'database.Query' },
  orderByKey: { type: 'database.Query' },
  orderByValue: { type: 'database.Query' },
  orderByPriority: { type: 'database.Query' },
  limitToFirst: { type: 'database.Query' },
  limitToLast: { type: 'database.Query' },
  startAt: { type: 'database.Query' },
  startAfter: { type: 'database.Query' },
  endAt: { type: 'database.Query' },
  endBefore: { type: 'database.Query' },
  equalTo: { type: 'database.Query' },
  get: 'promise',
  once: 'promise',
  on: 'not-promise',
  off: 'not-promise',
  isEqual: 'not-promise',
};

/**
 * Realtime Database references. Their writes take an optional completion callback and return a
 * promise either way, so none is a callback overload.
 */
const DATABASE_REFERENCE_METHODS: Record<string, SdkResult | SdkMethod> = {
  ...DATABASE_QUERY_METHODS,
  child: { type: 'database.Reference' },
  push: { thenable: 'database.ThenableReference' },
  set: 'promise',
  update: 'promise',
  remove: 'promise',
  setWithPriority: 'promise',
  setPriority: 'promise',
  transaction: 'promise',
  onDisconnect: { type: 'database.OnDisconnect' },
};

/** The methods Cloud Storage objects share (from its ServiceObject base): promise, or a callback. */
const STORAGE_OBJECT_METHODS: Record<string, SdkResult | SdkMethod> = {
  create: PROMISE_OR_CALLBACK,
  delete: PROMISE_OR_CALLBACK,
  exists: PROMISE_OR_CALLBACK,
  get: PROMISE_OR_CALLBACK,
  getMetadata: PROMISE_OR_CALLBACK,
  setMetadata: PROMISE_OR_CALLBACK,
  makePublic: PROMISE_OR_CALLBACK,
  makePrivate: PROMISE_OR_CALLBACK,
  getSignedUrl: PROMISE_OR_CALLBACK,
};

/** BigQuery's shared object methods (from its ServiceObject base). */
const BIGQUERY_OBJECT_METHODS: Record<string, SdkResult | SdkMethod> = {
  create: PROMISE_OR_CALLBACK,
  delete: PROMISE_OR_CALLBACK,
  exists: PROMISE_OR_CALLBACK,
  get: PROMISE_OR_CALLBACK,
  getMetadata: PROMISE_OR_CALLBACK,
  setMetadata: PROMISE_OR_CALLBACK,
};

/** Generated Google Cloud clients (gax): each RPC returns a promise, or nothing with a callback. */
function gaxClient(declaration: string, rpcs: readonly string[], paths: readonly string[]): SdkType {
  const methods: Record<string, SdkResult | SdkMethod> = { close: 'promise' };
  for (const rpc of rpcs) methods[rpc] = PROMISE_OR_CALLBACK;
  for (const path of paths) methods[path] = 'not-promise';
  return { declaration, methods };
}

/** A Stripe API resource: every request method returns a promise (lists: an awaitable ApiListPromise). */
function stripeResource(property: string, methods: readonly string[]): SdkType {
  return {
    declaration: `import('stripe').Stripe${property
      .split('.')
      .map((key) => `['${key}']`)
      .join('')}`,
    methods: Object.fromEntries(methods.map((method) => [method, 'promise' as const])),
  };
}

/** A firebase-functions parameter (`defineString('X')`): `.value()` reads it synchronously. */
function functionsParam(name: string): SdkType {
  return { declaration: `${PARAMS}.${name}`, methods: { value: 'not-promise' } };
}

/** Node's `fs` callback API: returns nothing, whatever the callback does. */
const FS_CALLBACK_METHODS = [
  'readFile',
  'writeFile',
  'appendFile',
  'unlink',
  'rm',
  'rmdir',
  'mkdir',
  'readdir',
  'stat',
  'lstat',
  'access',
  'rename',
  'copyFile',
  'exists',
] as const;

/** Node's `fs/promises` (and `fs.promises`): the same operations, as promises. */
const FS_PROMISE_METHODS = [
  'readFile',
  'writeFile',
  'appendFile',
  'unlink',
  'rm',
  'rmdir',
  'mkdir',
  'mkdtemp',
  'readdir',
  'stat',
  'lstat',
  'access',
  'rename',
  'copyFile',
  'open',
  'cp',
] as const;

/** Node's synchronous `fs` methods and stream factories. */
const FS_SYNC_METHODS = [
  'readFileSync',
  'writeFileSync',
  'appendFileSync',
  'unlinkSync',
  'rmSync',
  'rmdirSync',
  'mkdirSync',
  'mkdtempSync',
  'readdirSync',
  'statSync',
  'lstatSync',
  'accessSync',
  'renameSync',
  'copyFileSync',
  'existsSync',
  'createReadStream',
  'createWriteStream',
] as const;

const AXIOS_METHODS: Record<string, SdkResult | SdkMethod> = {
  request: 'promise',
  get: 'promise',
  delete: 'promise',
  head: 'promise',
  options: 'promise',
  post: 'promise',
  put: 'promise',
  patch: 'promise',
  postForm: 'promise',
  putForm: 'promise',
  patchForm: 'promise',
  getUri: 'not-promise',
};

/** The SDK types by name. */
export const SDK_TYPES: Readonly<Record<string, SdkType>> = {
  // firebase-admin, namespaced API: `import * as admin from 'firebase-admin'`.
  'firebase-admin': {
    declaration: "typeof import('firebase-admin')",
    methods: {
      initializeApp: { type: 'firebase-admin.App' },
      app: { type: 'firebase-admin.App' },
      auth: { type: 'auth.Auth' },
      appCheck: { type: 'appCheck.AppCheck' },
      messaging: { type: 'messaging.Messaging' },
      storage: { type: 'firebase-admin.storage.Storage' },
    },
    properties: {
      firestore: 'firebase-admin.firestore',
      database: 'firebase-admin.database',
      credential: 'firebase-admin.credential',
    },
  },
  'firebase-admin.App': {
    declaration: "import('firebase-admin').app.App",
    methods: {
      firestore: { type: 'firestore.Firestore' },
      database: { type: 'database.Database' },
      auth: { type: 'auth.Auth' },
      messaging: { type: 'messaging.Messaging' },
      storage: { type: 'firebase-admin.storage.Storage' },
      delete: 'promise',
    },
  },
  'firebase-admin.firestore': {
    declaration: "typeof import('firebase-admin').firestore",
    call: { type: 'firestore.Firestore' },
    properties: {
      FieldValue: 'typeof firestore.FieldValue',
      Timestamp: 'typeof firestore.Timestamp',
      Firestore: 'typeof firestore.Firestore',
    },
    // `admin.firestore.DocumentReference` in a type annotation.
    types: FIRESTORE_TYPES,
  },
  'firebase-admin.database': {
    declaration: "typeof import('firebase-admin').database",
    call: { type: 'database.Database' },
    properties: { ServerValue: 'database.ServerValue' },
  },
  'firebase-admin.credential': {
    declaration: "typeof import('firebase-admin').credential",
    methods: { cert: 'not-promise', applicationDefault: 'not-promise', refreshToken: 'not-promise' },
  },
  'firebase-admin.storage.Storage': {
    declaration: "import('firebase-admin/storage').Storage",
    methods: { bucket: { type: 'storage.Bucket' } },
  },

  // firebase-admin, modular API: `firebase-admin/app`, `firebase-admin/firestore`, ...
  'firebase-admin/app': {
    declaration: "typeof import('firebase-admin/app')",
    methods: {
      initializeApp: 'not-promise',
      getApp: 'not-promise',
      getApps: 'not-promise',
      deleteApp: 'promise',
      cert: 'not-promise',
      applicationDefault: 'not-promise',
      refreshToken: 'not-promise',
    },
  },
  'firebase-admin/firestore': {
    declaration: `typeof ${FIRESTORE}`,
    methods: {
      getFirestore: { type: 'firestore.Firestore' },
      initializeFirestore: { type: 'firestore.Firestore' },
    },
    properties: {
      FieldValue: 'typeof firestore.FieldValue',
      Timestamp: 'typeof firestore.Timestamp',
      Firestore: 'typeof firestore.Firestore',
    },
    types: FIRESTORE_TYPES,
  },
  'firebase-admin/database': {
    declaration: `typeof ${DATABASE}`,
    methods: {
      getDatabase: { type: 'database.Database' },
      getDatabaseWithUrl: { type: 'database.Database' },
    },
    properties: { ServerValue: 'database.ServerValue' },
    types: { Database: 'database.Database', Reference: 'database.Reference', Query: 'database.Query' },
  },
  'firebase-admin/auth': {
    declaration: "typeof import('firebase-admin/auth')",
    methods: { getAuth: { type: 'auth.Auth' } },
    types: { Auth: 'auth.Auth' },
  },
  'firebase-admin/messaging': {
    declaration: "typeof import('firebase-admin/messaging')",
    methods: { getMessaging: { type: 'messaging.Messaging' } },
  },
  'firebase-admin/app-check': {
    declaration: "typeof import('firebase-admin/app-check')",
    methods: { getAppCheck: { type: 'appCheck.AppCheck' } },
  },
  'firebase-admin/functions': {
    declaration: "typeof import('firebase-admin/functions')",
    methods: { getFunctions: { type: 'functions.Functions' } },
  },
  'firebase-admin/storage': {
    declaration: "typeof import('firebase-admin/storage')",
    methods: {
      getStorage: { type: 'firebase-admin.storage.Storage' },
      getDownloadURL: 'promise',
    },
  },

  // Firestore, as firebase-admin exposes it (`@google-cloud/firestore` is checked against these).
  'typeof firestore.Firestore': {
    declaration: `typeof ${FIRESTORE}.Firestore`,
    construct: { type: 'firestore.Firestore' },
  },
  'firestore.Firestore': {
    declaration: `${FIRESTORE}.Firestore`,
    methods: {
      collection: { type: 'firestore.CollectionReference' },
      doc: { type: 'firestore.DocumentReference' },
      collectionGroup: { type: 'firestore.Query' },
      batch: { type: 'firestore.WriteBatch' },
      bulkWriter: { type: 'firestore.BulkWriter' },
      runTransaction: { returns: 'promise', parameter: 'firestore.Transaction' },
      getAll: 'promise',
      listCollections: 'promise',
      recursiveDelete: 'promise',
      terminate: 'promise',
      settings: 'not-promise',
    },
  },
  'firestore.CollectionReference': {
    declaration: `${FIRESTORE}.CollectionReference`,
    methods: {
      ...FIRESTORE_QUERY_METHODS,
      doc: { type: 'firestore.DocumentReference' },
      add: { resolves: 'firestore.DocumentReference' },
      listDocuments: 'promise',
      withConverter: { type: 'firestore.CollectionReference' },
    },
    properties: { firestore: 'firestore.Firestore' },
    data: ['id', 'path'],
  },
  'firestore.DocumentReference': {
    declaration: `${FIRESTORE}.DocumentReference`,
    methods: {
      collection: { type: 'firestore.CollectionReference' },
      listCollections: 'promise',
      create: 'promise',
      set: 'promise',
      update: 'promise',
      delete: 'promise',
      get: { resolves: 'firestore.DocumentSnapshot' },
      onSnapshot: 'not-promise',
      isEqual: 'not-promise',
      withConverter: { type: 'firestore.DocumentReference' },
    },
    properties: { firestore: 'firestore.Firestore', parent: 'firestore.CollectionReference' },
    data: ['id', 'path'],
  },
  'firestore.DocumentSnapshot': {
    declaration: `${FIRESTORE}.DocumentSnapshot`,
    methods: { data: 'not-promise', get: 'not-promise', isEqual: 'not-promise' },
    properties: { ref: 'firestore.DocumentReference' },
    data: ['exists', 'id', 'createTime', 'updateTime', 'readTime'],
  },
  'firestore.QueryDocumentSnapshot': {
    declaration: `${FIRESTORE}.QueryDocumentSnapshot`,
    methods: { data: 'not-promise', get: 'not-promise', isEqual: 'not-promise' },
    properties: { ref: 'firestore.DocumentReference' },
    data: ['exists', 'id', 'createTime', 'updateTime', 'readTime'],
  },
  'firestore.QuerySnapshot': {
    declaration: `${FIRESTORE}.QuerySnapshot`,
    methods: {
      forEach: { returns: 'not-promise', parameter: 'firestore.QueryDocumentSnapshot' },
      docChanges: 'not-promise',
      isEqual: 'not-promise',
    },
    properties: { query: 'firestore.Query' },
    arrays: { docs: 'firestore.QueryDocumentSnapshot' },
    data: ['size', 'empty', 'readTime'],
  },
  'firestore.Query': {
    declaration: `${FIRESTORE}.Query`,
    methods: { ...FIRESTORE_QUERY_METHODS, withConverter: { type: 'firestore.Query' } },
    properties: { firestore: 'firestore.Firestore' },
  },
  'firestore.AggregateQuery': {
    declaration: `${FIRESTORE}.AggregateQuery<${FIRESTORE}.AggregateSpec>`,
    methods: { get: 'promise' },
  },
  'firestore.WriteBatch': {
    declaration: `${FIRESTORE}.WriteBatch`,
    methods: {
      create: { type: 'firestore.WriteBatch' },
      set: { type: 'firestore.WriteBatch' },
      update: { type: 'firestore.WriteBatch' },
      delete: { type: 'firestore.WriteBatch' },
      commit: 'promise',
    },
  },
  'firestore.Transaction': {
    declaration: `${FIRESTORE}.Transaction`,
    methods: {
      get: 'promise',
      getAll: 'promise',
      create: { type: 'firestore.Transaction' },
      set: { type: 'firestore.Transaction' },
      update: { type: 'firestore.Transaction' },
      delete: { type: 'firestore.Transaction' },
    },
  },
  'firestore.BulkWriter': {
    declaration: `${FIRESTORE}.BulkWriter`,
    methods: {
      create: 'promise',
      set: 'promise',
      update: 'promise',
      delete: 'promise',
      flush: 'promise',
      close: 'promise',
      onWriteResult: 'not-promise',
      onWriteError: 'not-promise',
    },
  },
  'typeof firestore.FieldValue': {
    declaration: `typeof ${FIRESTORE}.FieldValue`,
    methods: {
      serverTimestamp: 'not-promise',
      delete: 'not-promise',
      increment: 'not-promise',
      arrayUnion: 'not-promise',
      arrayRemove: 'not-promise',
    },
  },
  'typeof firestore.Timestamp': {
    declaration: `typeof ${FIRESTORE}.Timestamp`,
    methods: { now: 'not-promise', fromDate: 'not-promise', fromMillis: 'not-promise' },
  },

  // Realtime Database.
  'database.Database': {
    declaration: `${DATABASE}.Database`,
    methods: {
      ref: { type: 'database.Reference' },
      refFromURL: { type: 'database.Reference' },
      getRules: 'promise',
      getRulesJSON: 'promise',
      setRules: 'promise',
      goOffline: 'not-promise',
      goOnline: 'not-promise',
    },
  },
  'database.Reference': {
    declaration: `${DATABASE}.Reference`,
    methods: DATABASE_REFERENCE_METHODS,
    properties: { root: 'database.Reference', ref: 'database.Reference' },
  },
  'database.ThenableReference': {
    declaration: `${DATABASE}.ThenableReference`,
    methods: DATABASE_REFERENCE_METHODS,
    properties: { root: 'database.Reference', ref: 'database.Reference', parent: 'database.Reference' },
  },
  'database.Query': {
    declaration: `${DATABASE}.Query`,
    methods: DATABASE_QUERY_METHODS,
    properties: { ref: 'database.Reference' },
  },
  'database.OnDisconnect': {
    declaration: `${DATABASE}.OnDisconnect`,
    methods: { set: 'promise', update: 'promise', remove: 'promise', setWithPriority: 'promise', cancel: 'promise' },
  },
  'database.ServerValue': {
    declaration: `typeof ${DATABASE}.ServerValue`,
    methods: { increment: 'not-promise' },
  },

  // Authentication and Cloud Messaging.
  'auth.Auth': {
    declaration: "import('firebase-admin/auth').Auth",
    methods: {
      createCustomToken: 'promise',
      verifyIdToken: 'promise',
      verifySessionCookie: 'promise',
      createSessionCookie: 'promise',
      getUser: 'promise',
      getUserByEmail: 'promise',
      getUserByPhoneNumber: 'promise',
      getUserByProviderUid: 'promise',
      getUsers: 'promise',
      listUsers: { resolves: 'auth.ListUsersResult' },
      createUser: 'promise',
      updateUser: 'promise',
      deleteUser: 'promise',
      deleteUsers: 'promise',
      importUsers: 'promise',
      setCustomUserClaims: 'promise',
      revokeRefreshTokens: 'promise',
      generatePasswordResetLink: 'promise',
      generateEmailVerificationLink: 'promise',
      generateVerifyAndChangeEmailLink: 'promise',
      generateSignInWithEmailLink: 'promise',
      tenantManager: 'not-promise',
    },
  },
  'auth.ListUsersResult': {
    declaration: "import('firebase-admin/auth').ListUsersResult",
    arrays: { users: 'auth.UserRecord' },
    data: ['pageToken'],
  },
  'auth.UserRecord': {
    declaration: "import('firebase-admin/auth').UserRecord",
    methods: { toJSON: 'not-promise' },
    data: ['uid', 'email', 'emailVerified', 'displayName', 'phoneNumber', 'photoURL', 'disabled', 'customClaims', 'tenantId'],
  },
  'messaging.Messaging': {
    declaration: "import('firebase-admin/messaging').Messaging",
    methods: {
      send: 'promise',
      sendEach: 'promise',
      sendEachForMulticast: 'promise',
      subscribeToTopic: 'promise',
      unsubscribeFromTopic: 'promise',
    },
  },

  'appCheck.AppCheck': {
    declaration: "import('firebase-admin/app-check').AppCheck",
    methods: { verifyToken: 'promise', createToken: 'promise' },
  },
  'functions.Functions': {
    declaration: "import('firebase-admin/functions').Functions",
    methods: { taskQueue: { type: 'functions.TaskQueue' } },
  },
  'functions.TaskQueue': {
    declaration: "import('firebase-admin/functions').TaskQueue",
    methods: { enqueue: 'promise', delete: 'promise' },
  },

  // @google-cloud/firestore: the same classes (checked to fit firebase-admin's).
  '@google-cloud/firestore': {
    declaration: "typeof import('@google-cloud/firestore')",
    properties: {
      Firestore: 'typeof firestore.Firestore',
      FieldValue: 'typeof firestore.FieldValue',
      Timestamp: 'typeof firestore.Timestamp',
    },
    types: FIRESTORE_TYPES,
  },

  // @google-cloud/storage (also what firebase-admin's `storage().bucket()` gives).
  '@google-cloud/storage': {
    declaration: `typeof ${STORAGE}`,
    properties: { Storage: 'typeof storage.Storage' },
    types: { Storage: 'storage.Storage', Bucket: 'storage.Bucket', File: 'storage.File' },
  },
  'typeof storage.Storage': {
    declaration: `typeof ${STORAGE}.Storage`,
    construct: { type: 'storage.Storage' },
  },
  'storage.Storage': {
    declaration: `${STORAGE}.Storage`,
    methods: {
      bucket: { type: 'storage.Bucket' },
      createBucket: PROMISE_OR_CALLBACK,
      getBuckets: PROMISE_OR_CALLBACK,
      getServiceAccount: PROMISE_OR_CALLBACK,
      getBucketsStream: 'not-promise',
    },
  },
  'storage.Bucket': {
    declaration: `${STORAGE}.Bucket`,
    methods: {
      ...STORAGE_OBJECT_METHODS,
      file: { type: 'storage.File' },
      upload: PROMISE_OR_CALLBACK,
      getFiles: PROMISE_OR_CALLBACK,
      deleteFiles: PROMISE_OR_CALLBACK,
      combine: PROMISE_OR_CALLBACK,
      setLabels: PROMISE_OR_CALLBACK,
      getFilesStream: 'not-promise',
    },
    properties: { storage: 'storage.Storage' },
  },
  'storage.File': {
    declaration: `${STORAGE}.File`,
    methods: {
      ...STORAGE_OBJECT_METHODS,
      save: PROMISE_OR_CALLBACK,
      download: PROMISE_OR_CALLBACK,
      copy: PROMISE_OR_CALLBACK,
      move: PROMISE_OR_CALLBACK,
      rename: PROMISE_OR_CALLBACK,
      isPublic: PROMISE_OR_CALLBACK,
      createReadStream: 'not-promise',
      createWriteStream: 'not-promise',
      publicUrl: 'not-promise',
    },
    properties: { bucket: 'storage.Bucket', storage: 'storage.Storage' },
  },

  // @google-cloud/pubsub.
  '@google-cloud/pubsub': {
    declaration: `typeof ${PUBSUB}`,
    properties: { PubSub: 'typeof pubsub.PubSub' },
    types: { PubSub: 'pubsub.PubSub', Topic: 'pubsub.Topic', Subscription: 'pubsub.Subscription' },
  },
  'typeof pubsub.PubSub': {
    declaration: `typeof ${PUBSUB}.PubSub`,
    construct: { type: 'pubsub.PubSub' },
  },
  'pubsub.PubSub': {
    declaration: `${PUBSUB}.PubSub`,
    methods: {
      topic: { type: 'pubsub.Topic' },
      subscription: { type: 'pubsub.Subscription' },
      createTopic: PROMISE_OR_CALLBACK,
      createSubscription: PROMISE_OR_CALLBACK,
      getTopics: PROMISE_OR_CALLBACK,
      getSubscriptions: PROMISE_OR_CALLBACK,
      close: PROMISE_OR_CALLBACK,
    },
  },
  'pubsub.Topic': {
    declaration: `${PUBSUB}.Topic`,
    methods: {
      publishMessage: PROMISE_OR_CALLBACK,
      publish: PROMISE_OR_CALLBACK,
      publishJSON: PROMISE_OR_CALLBACK,
      flush: PROMISE_OR_CALLBACK,
      create: PROMISE_OR_CALLBACK,
      delete: PROMISE_OR_CALLBACK,
      exists: PROMISE_OR_CALLBACK,
      get: PROMISE_OR_CALLBACK,
      getMetadata: PROMISE_OR_CALLBACK,
      setMetadata: PROMISE_OR_CALLBACK,
      createSubscription: PROMISE_OR_CALLBACK,
      getSubscriptions: PROMISE_OR_CALLBACK,
      subscription: { type: 'pubsub.Subscription' },
      setPublishOptions: 'not-promise',
      resumePublishing: 'not-promise',
    },
  },
  'pubsub.Subscription': {
    declaration: `${PUBSUB}.Subscription`,
    methods: {
      close: PROMISE_OR_CALLBACK,
      create: PROMISE_OR_CALLBACK,
      delete: PROMISE_OR_CALLBACK,
      exists: PROMISE_OR_CALLBACK,
      get: PROMISE_OR_CALLBACK,
      getMetadata: PROMISE_OR_CALLBACK,
      setMetadata: PROMISE_OR_CALLBACK,
      seek: PROMISE_OR_CALLBACK,
      on: { type: 'pubsub.Subscription' },
      removeListener: { type: 'pubsub.Subscription' },
      open: 'not-promise',
    },
  },

  // firebase-functions: the logger and parameters a handler reads.
  'firebase-functions': {
    declaration: "typeof import('firebase-functions')",
    properties: { logger: 'firebase-functions.logger', params: 'firebase-functions/params' },
    methods: { setGlobalOptions: 'not-promise' },
  },
  'firebase-functions/v1': {
    declaration: "typeof import('firebase-functions/v1')",
    properties: { logger: 'firebase-functions/logger', params: 'firebase-functions/params' },
  },
  'firebase-functions/logger': {
    declaration: "typeof import('firebase-functions/logger')",
    methods: {
      write: 'not-promise',
      debug: 'not-promise',
      log: 'not-promise',
      info: 'not-promise',
      warn: 'not-promise',
      error: 'not-promise',
    },
    properties: { logger: 'firebase-functions.logger' },
  },
  'firebase-functions.logger': {
    declaration: "typeof import('firebase-functions').logger",
    methods: {
      write: 'not-promise',
      debug: 'not-promise',
      log: 'not-promise',
      info: 'not-promise',
      warn: 'not-promise',
      error: 'not-promise',
    },
  },
  'firebase-functions/params': {
    declaration: `typeof ${PARAMS}`,
    methods: {
      defineSecret: { type: 'params.SecretParam' },
      defineString: { type: 'params.StringParam' },
      defineInt: { type: 'params.IntParam' },
      defineList: { type: 'params.ListParam' },
    },
  },
  'params.SecretParam': functionsParam('SecretParam'),
  'params.StringParam': functionsParam('StringParam'),
  'params.IntParam': functionsParam('IntParam'),
  'params.ListParam': functionsParam('ListParam'),

  // @google-cloud/bigquery.
  '@google-cloud/bigquery': {
    declaration: `typeof ${BIGQUERY}`,
    properties: { BigQuery: 'typeof bigquery.BigQuery' },
  },
  'typeof bigquery.BigQuery': {
    declaration: `typeof ${BIGQUERY}.BigQuery`,
    construct: { type: 'bigquery.BigQuery' },
  },
  'bigquery.BigQuery': {
    declaration: `${BIGQUERY}.BigQuery`,
    methods: {
      dataset: { type: 'bigquery.Dataset' },
      job: { type: 'bigquery.Job' },
      query: PROMISE_OR_CALLBACK,
      createQueryJob: PROMISE_OR_CALLBACK,
      createJob: PROMISE_OR_CALLBACK,
      createDataset: PROMISE_OR_CALLBACK,
      getDatasets: PROMISE_OR_CALLBACK,
      getJobs: PROMISE_OR_CALLBACK,
      createQueryStream: 'not-promise',
      timestamp: 'not-promise',
      date: 'not-promise',
      datetime: 'not-promise',
    },
  },
  'bigquery.Dataset': {
    declaration: `${BIGQUERY}.Dataset`,
    methods: {
      ...BIGQUERY_OBJECT_METHODS,
      table: { type: 'bigquery.Table' },
      query: PROMISE_OR_CALLBACK,
      createQueryJob: PROMISE_OR_CALLBACK,
      createTable: PROMISE_OR_CALLBACK,
      getTables: PROMISE_OR_CALLBACK,
    },
  },
  'bigquery.Table': {
    declaration: `${BIGQUERY}.Table`,
    methods: {
      ...BIGQUERY_OBJECT_METHODS,
      insert: PROMISE_OR_CALLBACK,
      query: PROMISE_OR_CALLBACK,
      getRows: PROMISE_OR_CALLBACK,
      load: PROMISE_OR_CALLBACK,
      createLoadJob: PROMISE_OR_CALLBACK,
      createQueryJob: PROMISE_OR_CALLBACK,
      copy: PROMISE_OR_CALLBACK,
      extract: PROMISE_OR_CALLBACK,
      createReadStream: 'not-promise',
      createWriteStream: 'not-promise',
      createInsertStream: 'not-promise',
    },
  },
  'bigquery.Job': {
    declaration: `${BIGQUERY}.Job`,
    methods: {
      ...BIGQUERY_OBJECT_METHODS,
      getQueryResults: PROMISE_OR_CALLBACK,
      cancel: PROMISE_OR_CALLBACK,
      promise: 'promise',
      getQueryResultsStream: 'not-promise',
    },
  },

  // @google-cloud/datastore.
  '@google-cloud/datastore': {
    declaration: `typeof ${DATASTORE}`,
    properties: { Datastore: 'typeof datastore.Datastore' },
  },
  'typeof datastore.Datastore': {
    declaration: `typeof ${DATASTORE}.Datastore`,
    construct: { type: 'datastore.Datastore' },
  },
  'datastore.Datastore': {
    declaration: `${DATASTORE}.Datastore`,
    methods: {
      get: PROMISE_OR_CALLBACK,
      save: PROMISE_OR_CALLBACK,
      insert: PROMISE_OR_CALLBACK,
      update: PROMISE_OR_CALLBACK,
      upsert: PROMISE_OR_CALLBACK,
      merge: PROMISE_OR_CALLBACK,
      delete: PROMISE_OR_CALLBACK,
      runQuery: PROMISE_OR_CALLBACK,
      runAggregationQuery: PROMISE_OR_CALLBACK,
      allocateIds: PROMISE_OR_CALLBACK,
      createQuery: { type: 'datastore.Query' },
      transaction: { type: 'datastore.Transaction' },
      key: 'not-promise',
      int: 'not-promise',
      double: 'not-promise',
      geoPoint: 'not-promise',
      isKey: 'not-promise',
      runQueryStream: 'not-promise',
      createReadStream: 'not-promise',
    },
  },
  'datastore.Transaction': {
    declaration: `${DATASTORE}.Transaction`,
    methods: {
      run: PROMISE_OR_CALLBACK,
      commit: PROMISE_OR_CALLBACK,
      rollback: PROMISE_OR_CALLBACK,
      get: PROMISE_OR_CALLBACK,
      runQuery: PROMISE_OR_CALLBACK,
      merge: PROMISE_OR_CALLBACK,
      createQuery: { type: 'datastore.Query' },
      // Buffered until `commit()`.
      save: 'not-promise',
      insert: 'not-promise',
      update: 'not-promise',
      upsert: 'not-promise',
    },
  },
  'datastore.Query': {
    declaration: `${DATASTORE}.Query`,
    methods: {
      filter: { type: 'datastore.Query' },
      hasAncestor: { type: 'datastore.Query' },
      order: { type: 'datastore.Query' },
      groupBy: { type: 'datastore.Query' },
      select: { type: 'datastore.Query' },
      start: { type: 'datastore.Query' },
      end: { type: 'datastore.Query' },
      limit: { type: 'datastore.Query' },
      offset: { type: 'datastore.Query' },
      run: PROMISE_OR_CALLBACK,
      runStream: 'not-promise',
    },
  },

  // @google-cloud/spanner.
  '@google-cloud/spanner': {
    declaration: `typeof ${SPANNER}`,
    properties: { Spanner: 'typeof spanner.Spanner' },
  },
  'typeof spanner.Spanner': {
    declaration: `typeof ${SPANNER}.Spanner`,
    construct: { type: 'spanner.Spanner' },
  },
  'spanner.Spanner': {
    declaration: `${SPANNER}.Spanner`,
    methods: {
      instance: { type: 'spanner.Instance' },
      close: PROMISE_OR_CALLBACK,
      getInstances: PROMISE_OR_CALLBACK,
    },
  },
  'spanner.Instance': {
    declaration: `${SPANNER}.Instance`,
    methods: {
      database: { type: 'spanner.Database' },
      createDatabase: PROMISE_OR_CALLBACK,
      getDatabases: PROMISE_OR_CALLBACK,
      exists: PROMISE_OR_CALLBACK,
      get: PROMISE_OR_CALLBACK,
      getMetadata: PROMISE_OR_CALLBACK,
      delete: PROMISE_OR_CALLBACK,
    },
  },
  'spanner.Database': {
    declaration: `${SPANNER}.Database`,
    methods: {
      table: { type: 'spanner.Table' },
      run: PROMISE_OR_CALLBACK,
      runTransactionAsync: 'promise',
      // Callback only: the work is inside `runFn`, and the call returns nothing.
      runTransaction: 'not-promise',
      runPartitionedUpdate: PROMISE_OR_CALLBACK,
      getTransaction: PROMISE_OR_CALLBACK,
      getSnapshot: PROMISE_OR_CALLBACK,
      writeAtLeastOnce: PROMISE_OR_CALLBACK,
      updateSchema: PROMISE_OR_CALLBACK,
      exists: PROMISE_OR_CALLBACK,
      get: PROMISE_OR_CALLBACK,
      getMetadata: PROMISE_OR_CALLBACK,
      delete: PROMISE_OR_CALLBACK,
      close: PROMISE_OR_CALLBACK,
    },
  },
  'spanner.Table': {
    declaration: `${SPANNER}.Table`,
    methods: {
      insert: PROMISE_OR_CALLBACK,
      update: PROMISE_OR_CALLBACK,
      upsert: PROMISE_OR_CALLBACK,
      replace: PROMISE_OR_CALLBACK,
      deleteRows: PROMISE_OR_CALLBACK,
      read: PROMISE_OR_CALLBACK,
      create: PROMISE_OR_CALLBACK,
      delete: PROMISE_OR_CALLBACK,
      drop: PROMISE_OR_CALLBACK,
    },
  },
  'spanner.Transaction': {
    declaration: `${SPANNER}.Transaction`,
    methods: {
      run: PROMISE_OR_CALLBACK,
      runUpdate: PROMISE_OR_CALLBACK,
      batchUpdate: PROMISE_OR_CALLBACK,
      read: PROMISE_OR_CALLBACK,
      begin: PROMISE_OR_CALLBACK,
      commit: PROMISE_OR_CALLBACK,
      rollback: PROMISE_OR_CALLBACK,
      // Buffered until `commit()`.
      insert: 'not-promise',
      update: 'not-promise',
      upsert: 'not-promise',
      replace: 'not-promise',
      deleteRows: 'not-promise',
      end: 'not-promise',
    },
  },

  // @google-cloud/tasks and @google-cloud/secret-manager (generated clients).
  '@google-cloud/tasks': {
    declaration: "typeof import('@google-cloud/tasks')",
    properties: { CloudTasksClient: 'typeof tasks.CloudTasksClient' },
  },
  'typeof tasks.CloudTasksClient': {
    declaration: "typeof import('@google-cloud/tasks').CloudTasksClient",
    construct: { type: 'tasks.CloudTasksClient' },
  },
  'tasks.CloudTasksClient': gaxClient(
    "import('@google-cloud/tasks').CloudTasksClient",
    [
      'createTask',
      'getTask',
      'deleteTask',
      'listTasks',
      'runTask',
      'getQueue',
      'createQueue',
      'updateQueue',
      'deleteQueue',
      'listQueues',
      'purgeQueue',
      'pauseQueue',
      'resumeQueue',
      'getProjectId',
    ],
    ['queuePath', 'taskPath', 'locationPath', 'projectPath'],
  ),
  '@google-cloud/secret-manager': {
    declaration: "typeof import('@google-cloud/secret-manager')",
    properties: { SecretManagerServiceClient: 'typeof secret-manager.SecretManagerServiceClient' },
  },
  'typeof secret-manager.SecretManagerServiceClient': {
    declaration: "typeof import('@google-cloud/secret-manager').SecretManagerServiceClient",
    construct: { type: 'secret-manager.SecretManagerServiceClient' },
  },
  'secret-manager.SecretManagerServiceClient': gaxClient(
    "import('@google-cloud/secret-manager').SecretManagerServiceClient",
    [
      'accessSecretVersion',
      'getSecret',
      'getSecretVersion',
      'createSecret',
      'updateSecret',
      'deleteSecret',
      'addSecretVersion',
      'listSecrets',
      'listSecretVersions',
      'disableSecretVersion',
      'enableSecretVersion',
      'destroySecretVersion',
      'getProjectId',
    ],
    ['secretPath', 'secretVersionPath', 'projectPath'],
  ),

  // @google-cloud/logging.
  '@google-cloud/logging': {
    declaration: `typeof ${LOGGING}`,
    properties: { Logging: 'typeof logging.Logging' },
  },
  'typeof logging.Logging': {
    declaration: `typeof ${LOGGING}.Logging`,
    construct: { type: 'logging.Logging' },
  },
  'logging.Logging': {
    declaration: `${LOGGING}.Logging`,
    methods: {
      log: { type: 'logging.Log' },
      logSync: { type: 'logging.LogSync' },
      entry: 'not-promise',
      getEntries: PROMISE_OR_CALLBACK,
      getLogs: PROMISE_OR_CALLBACK,
    },
  },
  'logging.Log': {
    declaration: `${LOGGING}.Log`,
    methods: {
      entry: 'not-promise',
      write: PROMISE_OR_CALLBACK,
      debug: PROMISE_OR_CALLBACK,
      info: PROMISE_OR_CALLBACK,
      notice: PROMISE_OR_CALLBACK,
      warning: PROMISE_OR_CALLBACK,
      error: PROMISE_OR_CALLBACK,
      critical: PROMISE_OR_CALLBACK,
      alert: PROMISE_OR_CALLBACK,
      delete: PROMISE_OR_CALLBACK,
      getEntries: PROMISE_OR_CALLBACK,
    },
  },
  'logging.LogSync': {
    declaration: `${LOGGING}.LogSync`,
    methods: {
      entry: 'not-promise',
      write: 'not-promise',
      debug: 'not-promise',
      info: 'not-promise',
      notice: 'not-promise',
      warning: 'not-promise',
      error: 'not-promise',
      critical: 'not-promise',
      alert: 'not-promise',
      emergency: 'not-promise',
    },
  },

  // HTTP clients.
  axios: {
    declaration: "typeof import('axios')",
    call: 'promise',
    methods: {
      ...AXIOS_METHODS,
      create: { type: 'axios.AxiosInstance' },
      all: 'promise',
      isAxiosError: 'not-promise',
      isCancel: 'not-promise',
    },
  },
  'axios.AxiosInstance': {
    declaration: "import('axios').AxiosInstance",
    call: 'promise',
    methods: { ...AXIOS_METHODS, create: { type: 'axios.AxiosInstance' } },
  },
  got: {
    declaration: "typeof import('got')",
    properties: { default: 'got.Got' },
  },
  'got.Got': {
    declaration: "import('got').Got",
    methods: { stream: 'not-promise', extend: { type: 'got.Got' } },
  },
  // The global `fetch` (Node 18+) resolves to a Response, whose body readers are promises.
  'fetch.Response': {
    declaration: 'Response',
    methods: {
      json: 'promise',
      text: 'promise',
      arrayBuffer: 'promise',
      blob: 'promise',
      formData: 'promise',
      clone: { type: 'fetch.Response' },
    },
    properties: { headers: 'fetch.Headers' },
    data: ['ok', 'status', 'statusText', 'url', 'redirected', 'type', 'bodyUsed'],
  },
  'fetch.Headers': {
    declaration: 'Headers',
    methods: {
      get: 'not-promise',
      has: 'not-promise',
      set: 'not-promise',
      append: 'not-promise',
      delete: 'not-promise',
      forEach: 'not-promise',
      entries: 'not-promise',
      keys: 'not-promise',
      values: 'not-promise',
    },
  },
  'node-fetch': {
    declaration: "typeof import('node-fetch')",
    call: 'promise',
    properties: { default: 'node-fetch' },
    methods: { isRedirect: 'not-promise' },
  },

  // Email.
  nodemailer: {
    declaration: "typeof import('nodemailer')",
    methods: {
      createTransport: { type: 'nodemailer.Transporter' },
      createTestAccount: PROMISE_OR_CALLBACK,
      getTestMessageUrl: 'not-promise',
    },
    properties: { default: 'nodemailer.default' },
  },
  'nodemailer.default': {
    declaration: "typeof import('nodemailer').default",
    methods: {
      createTransport: { type: 'nodemailer.Transporter' },
      createTestAccount: PROMISE_OR_CALLBACK,
      getTestMessageUrl: 'not-promise',
    },
  },
  'nodemailer.Transporter': {
    declaration: "import('nodemailer').Transporter",
    methods: {
      sendMail: PROMISE_OR_CALLBACK,
      verify: PROMISE_OR_CALLBACK,
      close: 'not-promise',
      isIdle: 'not-promise',
      use: { type: 'nodemailer.Transporter' },
    },
  },
  '@sendgrid/mail': {
    declaration: "typeof import('@sendgrid/mail')",
    methods: {
      // Both take an optional callback and return a promise either way.
      send: 'promise',
      sendMultiple: 'promise',
      setApiKey: 'not-promise',
      setTimeout: 'not-promise',
      setSubstitutionWrappers: 'not-promise',
    },
  },

  // Stripe: `new Stripe(key)` and `require('stripe')(key)`.
  stripe: {
    declaration: "typeof import('stripe')",
    call: { type: 'stripe.Stripe' },
    construct: { type: 'stripe.Stripe' },
    properties: { webhooks: 'stripe.webhooks' },
  },
  'stripe.Stripe': {
    declaration: "import('stripe').Stripe",
    properties: {
      customers: 'stripe.customers',
      paymentIntents: 'stripe.paymentIntents',
      setupIntents: 'stripe.setupIntents',
      paymentMethods: 'stripe.paymentMethods',
      subscriptions: 'stripe.subscriptions',
      invoices: 'stripe.invoices',
      charges: 'stripe.charges',
      refunds: 'stripe.refunds',
      prices: 'stripe.prices',
      products: 'stripe.products',
      checkout: 'stripe.checkout',
      billingPortal: 'stripe.billingPortal',
      webhooks: 'stripe.webhooks',
    },
  },
  'stripe.customers': stripeResource('customers', ['create', 'retrieve', 'update', 'del', 'list', 'search']),
  'stripe.paymentIntents': stripeResource('paymentIntents', ['create', 'retrieve', 'update', 'list', 'confirm', 'capture', 'cancel', 'search']),
  'stripe.setupIntents': stripeResource('setupIntents', ['create', 'retrieve', 'update', 'list', 'confirm', 'cancel']),
  'stripe.paymentMethods': stripeResource('paymentMethods', ['create', 'retrieve', 'update', 'list', 'attach', 'detach']),
  'stripe.subscriptions': stripeResource('subscriptions', ['create', 'retrieve', 'update', 'cancel', 'list', 'resume']),
  'stripe.invoices': stripeResource('invoices', ['create', 'retrieve', 'update', 'del', 'list', 'finalizeInvoice', 'pay']),
  'stripe.charges': stripeResource('charges', ['create', 'retrieve', 'update', 'list', 'capture']),
  'stripe.refunds': stripeResource('refunds', ['create', 'retrieve', 'update', 'list', 'cancel']),
  'stripe.prices': stripeResource('prices', ['create', 'retrieve', 'update', 'list']),
  'stripe.products': stripeResource('products', ['create', 'retrieve', 'update', 'del', 'list']),
  'stripe.checkout': {
    declaration: "import('stripe').Stripe['checkout']",
    properties: { sessions: 'stripe.checkout.sessions' },
  },
  'stripe.checkout.sessions': stripeResource('checkout.sessions', ['create', 'retrieve', 'update', 'list', 'expire', 'listLineItems']),
  'stripe.billingPortal': {
    declaration: "import('stripe').Stripe['billingPortal']",
    properties: { sessions: 'stripe.billingPortal.sessions' },
  },
  'stripe.billingPortal.sessions': stripeResource('billingPortal.sessions', ['create']),
  'stripe.webhooks': {
    declaration: "import('stripe').Stripe['webhooks']",
    methods: {
      constructEvent: 'not-promise',
      constructEventAsync: 'promise',
      generateTestHeaderString: 'not-promise',
    },
  },

  // Node built-ins.
  fs: {
    declaration: "typeof import('fs')",
    methods: Object.fromEntries([...FS_SYNC_METHODS, ...FS_CALLBACK_METHODS].map((method) => [method, 'not-promise' as const])),
    properties: { promises: 'fs/promises' },
  },
  'fs/promises': {
    declaration: "typeof import('fs/promises')",
    methods: Object.fromEntries(FS_PROMISE_METHODS.map((method) => [method, 'promise' as const])),
  },
  'stream/promises': {
    declaration: "typeof import('stream/promises')",
    methods: { pipeline: 'promise', finished: 'promise' },
  },
  stream: {
    declaration: "typeof import('stream')",
    // The callback API: `pipeline` returns the last stream, `finished` a cleanup function.
    methods: { pipeline: 'not-promise', finished: 'not-promise' },
    properties: { promises: 'stream/promises' },
  },
  events: {
    declaration: "typeof import('events')",
    methods: { once: 'promise', on: 'not-promise' },
  },
  http: {
    declaration: "typeof import('http')",
    methods: { request: 'not-promise', get: 'not-promise', createServer: 'not-promise' },
  },
  https: {
    declaration: "typeof import('https')",
    methods: { request: 'not-promise', get: 'not-promise', createServer: 'not-promise' },
  },
  crypto: {
    declaration: "typeof import('crypto')",
    methods: {
      createHash: 'not-promise',
      createHmac: 'not-promise',
      createSign: 'not-promise',
      createVerify: 'not-promise',
      randomBytes: 'not-promise',
      randomUUID: 'not-promise',
      timingSafeEqual: 'not-promise',
      pbkdf2: 'not-promise',
      pbkdf2Sync: 'not-promise',
      scrypt: 'not-promise',
      scryptSync: 'not-promise',
    },
  },
  child_process: {
    declaration: "typeof import('child_process')",
    methods: {
      exec: 'not-promise',
      execFile: 'not-promise',
      spawn: 'not-promise',
      fork: 'not-promise',
      execSync: 'not-promise',
      execFileSync: 'not-promise',
      spawnSync: 'not-promise',
    },
  },
  /** `assert(value)` and its checks throw or return nothing; only `rejects` and `doesNotReject` return promises. */
  assert: {
    declaration: "typeof import('assert')",
    call: 'not-promise',
    properties: { strict: 'assert' },
    methods: {
      ok: 'not-promise',
      equal: 'not-promise',
      notEqual: 'not-promise',
      deepEqual: 'not-promise',
      notDeepEqual: 'not-promise',
      strictEqual: 'not-promise',
      notStrictEqual: 'not-promise',
      deepStrictEqual: 'not-promise',
      notDeepStrictEqual: 'not-promise',
      throws: 'not-promise',
      doesNotThrow: 'not-promise',
      match: 'not-promise',
      doesNotMatch: 'not-promise',
      ifError: 'not-promise',
      fail: 'not-promise',
      rejects: 'promise',
      doesNotReject: 'promise',
    },
  },
  'timers/promises': {
    declaration: "typeof import('timers/promises')",
    methods: { setTimeout: 'promise', setImmediate: 'promise', setInterval: 'not-promise' },
  },
};

/**
 * Module specifiers -> the SDK type of the module namespace (`require('x')`, `import * as x`), whose
 * properties and methods are its named exports. A default import is the `default` property when the
 * type lists one, otherwise the namespace itself (CommonJS interop).
 */
export const SDK_MODULES: Readonly<Record<string, string>> = {
  'firebase-admin': 'firebase-admin',
  'firebase-admin/app': 'firebase-admin/app',
  'firebase-admin/firestore': 'firebase-admin/firestore',
  'firebase-admin/database': 'firebase-admin/database',
  'firebase-admin/auth': 'firebase-admin/auth',
  'firebase-admin/messaging': 'firebase-admin/messaging',
  'firebase-admin/storage': 'firebase-admin/storage',
  'firebase-admin/app-check': 'firebase-admin/app-check',
  'firebase-admin/functions': 'firebase-admin/functions',
  '@google-cloud/firestore': '@google-cloud/firestore',
  '@google-cloud/storage': '@google-cloud/storage',
  '@google-cloud/pubsub': '@google-cloud/pubsub',
  '@google-cloud/bigquery': '@google-cloud/bigquery',
  '@google-cloud/datastore': '@google-cloud/datastore',
  '@google-cloud/spanner': '@google-cloud/spanner',
  '@google-cloud/tasks': '@google-cloud/tasks',
  '@google-cloud/secret-manager': '@google-cloud/secret-manager',
  '@google-cloud/logging': '@google-cloud/logging',
  'firebase-functions': 'firebase-functions',
  'firebase-functions/v2': 'firebase-functions',
  'firebase-functions/v1': 'firebase-functions/v1',
  'firebase-functions/logger': 'firebase-functions/logger',
  'firebase-functions/params': 'firebase-functions/params',
  axios: 'axios',
  got: 'got',
  'node-fetch': 'node-fetch',
  nodemailer: 'nodemailer',
  '@sendgrid/mail': '@sendgrid/mail',
  stripe: 'stripe',
  fs: 'fs',
  'node:fs': 'fs',
  'fs/promises': 'fs/promises',
  'node:fs/promises': 'fs/promises',
  'timers/promises': 'timers/promises',
  'node:timers/promises': 'timers/promises',
  stream: 'stream',
  'node:stream': 'stream',
  'stream/promises': 'stream/promises',
  'node:stream/promises': 'stream/promises',
  events: 'events',
  'node:events': 'events',
  http: 'http',
  'node:http': 'http',
  https: 'https',
  'node:https': 'https',
  crypto: 'crypto',
  'node:crypto': 'crypto',
  child_process: 'child_process',
  'node:child_process': 'child_process',
  assert: 'assert',
  'node:assert': 'assert',
  'assert/strict': 'assert',
  'node:assert/strict': 'assert',
};

function getOwn<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The SDK type named `name` (own entries only: never `toString` from Object.prototype). */
export function getSdkType(name: string): SdkType | undefined {
  return getOwn(SDK_TYPES, name);
}

/** The SDK type name of module `specifier`'s namespace (`require('x')`, `import * as x`), if known. */
export function getSdkModuleTypeName(specifier: string): string | undefined {
  return getOwn(SDK_MODULES, specifier);
}

/** The SDK type name of `type.member` read as a property, if known. */
export function getSdkPropertyTypeName(type: SdkType, member: string): string | undefined {
  return getOwn(type.properties, member);
}

/** What reading `type.member` gives, if known: an object of an SDK type, an array of them, or plain data. */
export function getSdkProperty(type: SdkType, member: string): SdkResult | undefined {
  const property = getOwn(type.properties, member);
  if (property !== undefined) return { type: property };
  const array = getOwn(type.arrays, member);
  if (array !== undefined) return { array };
  return type.data?.includes(member) ? 'not-promise' : undefined;
}

/** The SDK type of a value annotated with the type `name` that module `type` exports (`Firestore`, `Transaction`). */
export function getSdkExportedType(type: SdkType, name: string): string | undefined {
  return getOwn(type.types, name);
}

/** What `type.member(...)` gives: its method entry, else the `call` of its property's type. */
export function getSdkMethod(type: SdkType, member: string): SdkMethod | undefined {
  const method = getOwn(type.methods, member);
  if (method !== undefined) return typeof method === 'object' && 'returns' in method ? method : { returns: method };
  const property = getOwn(type.properties, member);
  const call = property === undefined ? undefined : getSdkType(property)?.call;
  return call === undefined ? undefined : { returns: call };
}
