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

/** A method that returns a promise, or nothing when called with a callback as its last argument. */
const PROMISE_OR_CALLBACK: SdkMethod = { returns: 'promise', callback: true };

const FIRESTORE = "import('firebase-admin/firestore')";
const DATABASE = "import('firebase-admin/database')";
const STORAGE = "import('@google-cloud/storage')";
const PUBSUB = "import('@google-cloud/pubsub')";

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
  get: 'promise',
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

/** The SDK types by name. */
export const SDK_TYPES: Readonly<Record<string, SdkType>> = {
  // firebase-admin, namespaced API: `import * as admin from 'firebase-admin'`.
  'firebase-admin': {
    declaration: "typeof import('firebase-admin')",
    methods: {
      initializeApp: { type: 'firebase-admin.App' },
      app: { type: 'firebase-admin.App' },
      auth: { type: 'auth.Auth' },
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
  },
  'firebase-admin/database': {
    declaration: `typeof ${DATABASE}`,
    methods: {
      getDatabase: { type: 'database.Database' },
      getDatabaseWithUrl: { type: 'database.Database' },
    },
    properties: { ServerValue: 'database.ServerValue' },
  },
  'firebase-admin/auth': {
    declaration: "typeof import('firebase-admin/auth')",
    methods: { getAuth: { type: 'auth.Auth' } },
  },
  'firebase-admin/messaging': {
    declaration: "typeof import('firebase-admin/messaging')",
    methods: { getMessaging: { type: 'messaging.Messaging' } },
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
      runTransaction: 'promise',
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
      add: 'promise',
      listDocuments: 'promise',
      withConverter: { type: 'firestore.CollectionReference' },
    },
    properties: { firestore: 'firestore.Firestore' },
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
      get: 'promise',
      onSnapshot: 'not-promise',
      isEqual: 'not-promise',
      withConverter: { type: 'firestore.DocumentReference' },
    },
    properties: { firestore: 'firestore.Firestore', parent: 'firestore.CollectionReference' },
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
      listUsers: 'promise',
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

  // @google-cloud/firestore: the same classes (checked to fit firebase-admin's).
  '@google-cloud/firestore': {
    declaration: "typeof import('@google-cloud/firestore')",
    properties: {
      Firestore: 'typeof firestore.Firestore',
      FieldValue: 'typeof firestore.FieldValue',
      Timestamp: 'typeof firestore.Timestamp',
    },
  },

  // @google-cloud/storage (also what firebase-admin's `storage().bucket()` gives).
  '@google-cloud/storage': {
    declaration: `typeof ${STORAGE}`,
    properties: { Storage: 'typeof storage.Storage' },
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
  '@google-cloud/firestore': '@google-cloud/firestore',
  '@google-cloud/storage': '@google-cloud/storage',
  '@google-cloud/pubsub': '@google-cloud/pubsub',
};
