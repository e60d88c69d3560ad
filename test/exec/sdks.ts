/**
 * Fakes of further packages the fixtures use, beside the ones in world.ts. Each is written from
 * the package's own typings or source (cited on each fake; the Google Cloud clients are installed
 * as devDependencies, so their `.d.ts` files are in node_modules), and each asynchronous method
 * starts a work item through `World.work` (a promise the scheduler settles) or, given a callback,
 * `World.workWithCallback`. Labels name the service, the method and its target
 * (`bigquery.insert analytics.events`), as the world's own fakes do.
 */
import { Emitter, statusText } from './http';
import type { World } from './world';

type Fn = (...args: any[]) => any;

/** The fake of `name`, or undefined when this file has none. */
export function createSdkModule(world: World, name: string): unknown {
  switch (name) {
    case '@google-cloud/bigquery':
      return bigQuery(world);
    case '@google-cloud/datastore':
      return datastore(world);
    case '@google-cloud/tasks':
      return cloudTasks(world);
    case '@google-cloud/logging':
      return cloudLogging(world);
    case '@google-cloud/error-reporting':
      return errorReporting(world);
    case '@sentry/node':
      return sentry(world);
    case 'pg':
      return postgres(world);
    case 'mongodb':
      return mongodb(world);
    case 'request':
      return requestLibrary(world);
    case 'csv-parse':
      return csvParse(world);
    case 'csv-parse/sync':
      return { parse: (input: unknown, options?: CsvOptions) => parseCsv(String(input), options) };
    case 'http-status-codes':
      return httpStatusCodes();
    case 'stream/promises':
      return streamPromises(world);
    case 'react':
      return react();
    case 'react/jsx-runtime':
    case 'react/jsx-dev-runtime':
      return jsxRuntime();
    case 'react-dom/server':
      return reactDomServer(world);
    case '@react-email/render':
      return reactEmail(world);
    default:
      return undefined;
  }
}

/** Split `args` into the arguments and a trailing Node-style callback. */
function splitCallback(args: unknown[]): { args: unknown[]; callback: Fn | undefined } {
  const last = args[args.length - 1];
  return typeof last === 'function' ? { args: args.slice(0, -1), callback: last as Fn } : { args, callback: undefined };
}

/** The promise form, or the callback form when the call ends with a callback (the Google Cloud clients' overloads). */
function promiseOrCallback<T>(world: World, label: string, args: unknown[], value: () => T, writes: boolean): Promise<T> | void {
  const { callback } = splitCallback(args);
  if (callback) return world.workWithCallback(label, value, callback, writes);
  return world.work(label, value, writes);
}

/** `new X()` or `X()`: the clients are classes, and a function returning an object serves both. */
function constructible(make: (...args: unknown[]) => object): Fn {
  return function Client(...args: unknown[]) {
    return make(...args);
  };
}

// ---------------------------------------------------------------------------------------------
// Google Cloud

/**
 * `@google-cloud/bigquery` 8.x (`build/src/bigquery.d.ts`, `dataset.d.ts`, `table.d.ts`):
 * `dataset(id)` and `table(id)` are synchronous handles; `table.insert(rows)` resolves to
 * `[InsertRowsResponse]`, `query()` to `[rows]`, `createQueryJob()` to `[Job]`; each has a
 * callback overload.
 */
function bigQuery(world: World): Record<string, unknown> {
  const rows = [{ id: 'row-1' }];
  const job = (id: string) => ({
    id,
    getQueryResults: (...args: unknown[]) => promiseOrCallback(world, `bigquery.getQueryResults ${id}`, args, () => [rows], false),
  });
  const table = (dataset: string, id: string) => ({
    id,
    dataset: { id: dataset },
    insert: (...args: unknown[]) =>
      promiseOrCallback(world, `bigquery.insert ${dataset}.${id}`, args, () => [{ kind: 'bigquery#tableDataInsertAllResponse' }], true),
    getRows: (...args: unknown[]) => promiseOrCallback(world, `bigquery.getRows ${dataset}.${id}`, args, () => [rows], false),
    query: (...args: unknown[]) => promiseOrCallback(world, `bigquery.query ${dataset}.${id}`, args, () => [rows], false),
  });
  const client = () => ({
    dataset: (id: string) => ({ id, table: (tableId: string) => table(id, tableId) }),
    query: (...args: unknown[]) => promiseOrCallback(world, 'bigquery.query', args, () => [rows], false),
    createQueryJob: (...args: unknown[]) => promiseOrCallback(world, 'bigquery.createQueryJob', args, () => [job('job-1')], true),
  });
  return { BigQuery: constructible(client) };
}

interface DatastoreKey {
  kind: string;
  name?: string;
  path: unknown[];
}

/**
 * `@google-cloud/datastore` 10.x (`build/src/index.d.ts`, `request.d.ts`): `key()` builds a key
 * synchronously; `get`, `save`, `insert`, `update`, `upsert`, `merge`, `delete` and `runQuery`
 * resolve to a one- or two-element array, or call back. Entities are kept in the world.
 */
function datastore(world: World): Record<string, unknown> {
  const entities = new Map<string, unknown>();
  const KEY = Symbol('KEY');
  const keyOf = (path: unknown): DatastoreKey => {
    const parts = Array.isArray(path) ? path : typeof path === 'string' ? [path] : ((path as { path?: unknown[] })?.path ?? []);
    return { kind: String(parts[parts.length - 2] ?? parts[0] ?? ''), name: parts.length > 1 ? String(parts[parts.length - 1]) : undefined, path: parts };
  };
  const id = (key: DatastoreKey) => `${key.kind}/${key.name ?? 'auto'}`;
  const entityKey = (entity: unknown): DatastoreKey => (entity as { key: DatastoreKey }).key;
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
  const write =
    (method: string, merge: boolean) =>
    (value: unknown, ...rest: unknown[]) => {
      const targets = list(value);
      return promiseOrCallback(
        world,
        `datastore.${method} ${targets.map((e) => id(entityKey(e))).join(',')}`,
        rest,
        () => {
          for (const e of targets) {
            const key = id(entityKey(e));
            const data = (e as { data?: unknown }).data;
            entities.set(key, merge ? { ...(entities.get(key) as object | undefined), ...(data as object) } : data);
          }
          return [{ mutationResults: targets.map(() => ({})) }];
        },
        true,
      );
    };
  const query = (kind: string): Record<string, unknown> => {
    const q: Record<string, unknown> = { kinds: [kind] };
    for (const m of ['filter', 'order', 'limit', 'offset', 'start', 'end', 'select', 'hasAncestor', 'groupBy']) q[m] = () => q;
    q.run = (...args: unknown[]) =>
      promiseOrCallback(world, `datastore.runQuery ${kind}`, args, () => [[{ name: `${kind}-1` }], { moreResults: 'NO_MORE_RESULTS' }], false);
    return q;
  };
  const client = () => ({
    KEY,
    key: keyOf,
    get: (keys: unknown, ...rest: unknown[]) =>
      promiseOrCallback(
        world,
        `datastore.get ${list(keys)
          .map((k) => id(k as DatastoreKey))
          .join(',')}`,
        rest,
        () => {
          const found = list(keys).map((k) => entities.get(id(k as DatastoreKey)) ?? { name: (k as DatastoreKey).name ?? 'entity-1' });
          return [Array.isArray(keys) ? found : found[0]];
        },
        false,
      ),
    save: write('save', false),
    insert: write('insert', false),
    update: write('update', false),
    upsert: write('upsert', false),
    merge: write('merge', true),
    delete: (keys: unknown, ...rest: unknown[]) =>
      promiseOrCallback(
        world,
        `datastore.delete ${list(keys)
          .map((k) => id(k as DatastoreKey))
          .join(',')}`,
        rest,
        () => {
          for (const k of list(keys)) entities.delete(id(k as DatastoreKey));
          return [{}];
        },
        true,
      ),
    createQuery: (...kinds: string[]) => query(String(kinds[kinds.length - 1])),
    runQuery: (q: { kinds?: string[] }, ...rest: unknown[]) =>
      promiseOrCallback(world, `datastore.runQuery ${q?.kinds?.[0] ?? ''}`, rest, () => [[{ name: 'entity-1' }], { moreResults: 'NO_MORE_RESULTS' }], false),
  });
  return { Datastore: Object.assign(constructible(client), { KEY }) };
}

/**
 * `@google-cloud/tasks` 6.x (`build/esm/src/v2/cloud_tasks_client.d.ts`): the path helpers are
 * synchronous strings; `createTask(request)` resolves to `[ITask, request, {}]` or calls back.
 */
function cloudTasks(world: World): Record<string, unknown> {
  const client = () => ({
    queuePath: (project: string, location: string, queue: string) => `projects/${project}/locations/${location}/queues/${queue}`,
    taskPath: (project: string, location: string, queue: string, task: string) => `projects/${project}/locations/${location}/queues/${queue}/tasks/${task}`,
    locationPath: (project: string, location: string) => `projects/${project}/locations/${location}`,
    createTask: (request: { parent?: string }, ...rest: unknown[]) =>
      promiseOrCallback(
        world,
        `tasks.createTask ${request?.parent ?? ''}`.trim(),
        rest,
        () => [{ name: `${request?.parent ?? ''}/tasks/task-1` }, request, {}],
        true,
      ),
    deleteTask: (request: { name?: string }, ...rest: unknown[]) =>
      promiseOrCallback(world, `tasks.deleteTask ${request?.name ?? ''}`.trim(), rest, () => [{}, request, {}], true),
    getQueue: (request: { name?: string }, ...rest: unknown[]) =>
      promiseOrCallback(world, `tasks.getQueue ${request?.name ?? ''}`.trim(), rest, () => [{ name: request?.name }, request, {}], false),
    close: () => world.realm.Promise.resolve(),
  });
  const CloudTasksClient = constructible(client);
  return { CloudTasksClient, v2: { CloudTasksClient } };
}

/**
 * `@google-cloud/logging` 11.x (`build/src/index.d.ts`, `log.d.ts`): `log(name)` and
 * `entry(metadata, data)` are synchronous; `write(entries)` and the severity methods
 * (`info`, `error`, ...) resolve to `[ApiResponse]` or call back.
 */
function cloudLogging(world: World): Record<string, unknown> {
  const entry = (metadata?: unknown, data?: unknown) => (data === undefined ? { metadata: {}, data: metadata } : { metadata, data });
  const log = (name: string) => {
    const write =
      (label: string) =>
      (_entries: unknown, ...rest: unknown[]) =>
        promiseOrCallback(world, label, rest, () => [{}], true);
    const severities = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
    return {
      name,
      entry,
      write: write(`logging.write ${name}`),
      ...Object.fromEntries(severities.map((s) => [s, write(`logging.${s} ${name}`)])),
    };
  };
  const client = () => ({ log, entry });
  return { Logging: constructible(client) };
}

/**
 * `@google-cloud/error-reporting` (`src/interfaces/manual.ts` `reportManualError`): `report(err,
 * [request], [message], [callback])` returns the ErrorMessage it built at once and sends it in
 * the background (`client.sendError(em, callback)`), calling `callback` when sent; it returns no
 * promise. The Express middleware reports and passes the error on.
 */
function errorReporting(world: World): Record<string, unknown> {
  const message = () => {
    const em: Record<string, unknown> = { message: '' };
    for (const m of [
      'setMessage',
      'setUser',
      'setServiceContext',
      'setHttpMethod',
      'setUrl',
      'setResponseStatusCode',
      'setUserAgent',
      'setReferrer',
      'setRemoteIp',
    ]) {
      em[m] = (value: unknown) => ((em[m.replace(/^set/, '').replace(/^./, (c) => c.toLowerCase())] = value), em);
    }
    return em;
  };
  const client = () => {
    const report = (err: unknown, ...rest: unknown[]) => {
      const callback = rest.find((r): r is Fn => typeof r === 'function');
      const em = message();
      em.message = String((err as Error)?.message ?? err);
      world.workWithCallback('errorReporting.report', () => ({}), callback ?? (() => undefined), true);
      return em;
    };
    return {
      report,
      event: message,
      express: (err: unknown, req: unknown, _res: unknown, next: Fn) => {
        report(err, req);
        next(err);
      },
    };
  };
  return { ErrorReporting: constructible(client) };
}

/**
 * `@sentry/node`: `captureException` returns an event id at once and sends the event in the
 * background; `flush(timeout)` and `close(timeout)` resolve to a boolean once the queue is sent.
 */
function sentry(world: World): Record<string, unknown> {
  let events = 0;
  const capture = (kind: string) => () => {
    const id = `event-${++events}`;
    world.workWithCallback(
      `sentry.${kind} ${id}`,
      () => undefined,
      () => undefined,
      true,
    );
    return id;
  };
  const scope = { setTag: () => scope, setUser: () => scope, setContext: () => scope, setExtra: () => scope, setLevel: () => scope };
  return {
    init: () => undefined,
    captureException: capture('captureException'),
    captureMessage: capture('captureMessage'),
    flush: () => world.work('sentry.flush', () => true),
    close: () => world.work('sentry.close', () => true),
    setUser: () => undefined,
    setTag: () => undefined,
    setContext: () => undefined,
    addBreadcrumb: () => undefined,
    withScope: (fn: Fn) => fn(scope),
    setupExpressErrorHandler: () => undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Databases

/**
 * `pg` (node-postgres: `Pool#query` and `Client#query` return a promise without a callback, and
 * call back `(err, result)` with one): results are `{ rows, rowCount, command }`. A `SELECT`
 * reads; anything else writes.
 */
function postgres(world: World): Record<string, unknown> {
  const query = (text: unknown, ...rest: unknown[]) => {
    const sql = typeof text === 'string' ? text : String((text as { text?: string })?.text ?? '');
    const command = (/^\s*(\w+)/.exec(sql)?.[1] ?? 'QUERY').toUpperCase();
    const rows = command === 'SELECT' ? [{ id: 'row-1' }] : [];
    return promiseOrCallback(world, `pg.query ${command}`, rest, () => ({ rows, rowCount: rows.length || 1, command }), command !== 'SELECT');
  };
  const client = () => ({
    query,
    connect: (...args: unknown[]) => promiseOrCallback(world, 'pg.connect', args, () => ({ query, release: () => undefined }), false),
    end: (...args: unknown[]) => promiseOrCallback(world, 'pg.end', args, () => undefined, false),
    on: () => undefined,
  });
  return { Pool: constructible(client), Client: constructible(client) };
}

/**
 * `mongodb` (the Node driver, `MongoClient`, `Db`, `Collection`, `FindCursor`): `connect()` and
 * the collection operations resolve to their results; `db()`, `collection()`, `find()` are
 * synchronous handles and `toArray()` reads.
 */
function mongodb(world: World): Record<string, unknown> {
  const cursor = (label: string): Record<string, unknown> => {
    const c: Record<string, unknown> = { toArray: () => world.work(label, () => [{ _id: 'doc-1' }]) };
    for (const m of ['sort', 'limit', 'skip', 'project', 'filter']) c[m] = () => c;
    return c;
  };
  const collection = (db: string, name: string) => {
    const target = `${db}.${name}`;
    const op = (method: string, value: () => unknown, writes: boolean) => () => world.work(`mongodb.${method} ${target}`, value, writes);
    return {
      collectionName: name,
      find: () => cursor(`mongodb.find ${target}`),
      aggregate: () => cursor(`mongodb.aggregate ${target}`),
      findOne: op('findOne', () => ({ _id: 'doc-1' }), false),
      countDocuments: op('countDocuments', () => 1, false),
      insertOne: op('insertOne', () => ({ acknowledged: true, insertedId: 'doc-2' }), true),
      insertMany: op('insertMany', () => ({ acknowledged: true, insertedCount: 1 }), true),
      updateOne: op('updateOne', () => ({ acknowledged: true, matchedCount: 1, modifiedCount: 1 }), true),
      updateMany: op('updateMany', () => ({ acknowledged: true, matchedCount: 1, modifiedCount: 1 }), true),
      replaceOne: op('replaceOne', () => ({ acknowledged: true, matchedCount: 1, modifiedCount: 1 }), true),
      deleteOne: op('deleteOne', () => ({ acknowledged: true, deletedCount: 1 }), true),
      deleteMany: op('deleteMany', () => ({ acknowledged: true, deletedCount: 1 }), true),
    };
  };
  const client = (): Record<string, unknown> => {
    const c: Record<string, unknown> = {
      db: (name = 'test') => ({ databaseName: name, collection: (coll: string) => collection(name, coll) }),
      close: () => world.work('mongodb.close', () => undefined),
    };
    c.connect = () => world.work('mongodb.connect', () => c);
    return c;
  };
  const MongoClient = Object.assign(constructible(client), { connect: () => world.work('mongodb.connect', () => client()) });
  return {
    MongoClient,
    ObjectId: function ObjectId(id?: string) {
      return { toString: () => id ?? 'object-id-1' };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP clients, parsers, constants

/**
 * `request` (request/request, its README): `request(uri|options, callback)` and the method
 * helpers call back `(error, response, body)` once the response has been read.
 */
function requestLibrary(world: World): Fn {
  const call =
    (method: string) =>
    (uri: unknown, ...rest: unknown[]) => {
      const options = uri && typeof uri === 'object' ? (uri as { uri?: string; url?: string; method?: string }) : {};
      const target = String(typeof uri === 'string' ? uri : (options.uri ?? options.url ?? ''));
      const verb = (options.method ?? method).toUpperCase();
      const { callback } = splitCallback(rest);
      const label = `request.${verb} ${target}`;
      if (!callback) return world.readable(label, `body of ${target}`);
      const body = JSON.stringify({ ok: true, url: target });
      world.workWithCallback(
        label,
        () => ({ statusCode: 200, headers: {}, body }),
        (error: unknown, response?: { body: string }) => callback(error, response, response?.body),
        verb !== 'GET',
      );
      return new Emitter();
    };
  const request = Object.assign(call('GET'), {
    get: call('GET'),
    post: call('POST'),
    put: call('PUT'),
    patch: call('PATCH'),
    del: call('DELETE'),
    delete: call('DELETE'),
    head: call('HEAD'),
    defaults: () => request,
  });
  return request;
}

interface CsvOptions {
  columns?: boolean | string[];
  delimiter?: string;
  from_line?: number;
}

/** Records of a CSV text: lines split on the delimiter; with `columns: true` the first line names the fields. */
function parseCsv(text: string, options: CsvOptions = {}): unknown[] {
  const delimiter = options.delimiter ?? ',';
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(Math.max(0, (options.from_line ?? 1) - 1));
  const records = lines.map((l) => l.split(delimiter).map((v) => v.trim().replace(/^"(.*)"$/, '$1')));
  if (options.columns === true) {
    const [header = [], ...rest] = records;
    return rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  }
  const columns = options.columns;
  if (Array.isArray(columns)) return records.map((r) => Object.fromEntries(columns.map((h, i) => [String(h), r[i]])));
  return records;
}

/**
 * `csv-parse` (its API: `parse(options)` is a Transform stream that emits one `data` event per
 * record, then `end`; `parse(input, options, callback)` calls back with all records).
 */
function csvParse(world: World): Record<string, unknown> {
  const parse = (...args: unknown[]) => {
    if (typeof args[0] === 'string' || Buffer.isBuffer(args[0])) {
      const { args: rest, callback } = splitCallback(args.slice(1));
      const options = rest[0] as CsvOptions | undefined;
      if (callback) world.workWithCallback('csv.parse', () => parseCsv(String(args[0]), options), callback);
      return undefined;
    }
    const options = args[0] as CsvOptions | undefined;
    const chunks: string[] = [];
    const destinations: Record<string, Fn>[] = [];
    const parser = new Emitter() as Emitter & Record<string, unknown>;
    parser.write = (chunk: unknown) => (chunks.push(String(chunk)), true);
    parser.end = (chunk?: unknown) => {
      if (chunk !== undefined && typeof chunk !== 'function') chunks.push(String(chunk));
      for (const record of parseCsv(chunks.join(''), options)) {
        parser.emit('data', record);
        for (const d of destinations) d.write!(record);
      }
      parser.emit('end');
      for (const d of destinations) d.end!();
      parser.emit('finish');
      parser.emit('close');
      return parser;
    };
    parser.pipe = (dest: Record<string, Fn>) => (destinations.push(dest), dest);
    parser.destroy = () => parser;
    return parser;
  };
  return { parse, default: parse };
}

/** `http-status-codes` (`src/status-codes.ts`, the `StatusCodes` enum; `getReasonPhrase`). */
function httpStatusCodes(): Record<string, unknown> {
  const codes: Record<string, number> = {
    CONTINUE: 100,
    SWITCHING_PROTOCOLS: 101,
    PROCESSING: 102,
    EARLY_HINTS: 103,
    OK: 200,
    CREATED: 201,
    ACCEPTED: 202,
    NON_AUTHORITATIVE_INFORMATION: 203,
    NO_CONTENT: 204,
    RESET_CONTENT: 205,
    PARTIAL_CONTENT: 206,
    MULTI_STATUS: 207,
    MULTIPLE_CHOICES: 300,
    MOVED_PERMANENTLY: 301,
    MOVED_TEMPORARILY: 302,
    SEE_OTHER: 303,
    NOT_MODIFIED: 304,
    USE_PROXY: 305,
    TEMPORARY_REDIRECT: 307,
    PERMANENT_REDIRECT: 308,
    BAD_REQUEST: 400,
    UNAUTHORIZED: 401,
    PAYMENT_REQUIRED: 402,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    METHOD_NOT_ALLOWED: 405,
    NOT_ACCEPTABLE: 406,
    PROXY_AUTHENTICATION_REQUIRED: 407,
    REQUEST_TIMEOUT: 408,
    CONFLICT: 409,
    GONE: 410,
    LENGTH_REQUIRED: 411,
    PRECONDITION_FAILED: 412,
    REQUEST_TOO_LONG: 413,
    REQUEST_URI_TOO_LONG: 414,
    UNSUPPORTED_MEDIA_TYPE: 415,
    REQUESTED_RANGE_NOT_SATISFIABLE: 416,
    EXPECTATION_FAILED: 417,
    IM_A_TEAPOT: 418,
    INSUFFICIENT_SPACE_ON_RESOURCE: 419,
    METHOD_FAILURE: 420,
    MISDIRECTED_REQUEST: 421,
    UNPROCESSABLE_ENTITY: 422,
    LOCKED: 423,
    FAILED_DEPENDENCY: 424,
    UPGRADE_REQUIRED: 426,
    PRECONDITION_REQUIRED: 428,
    TOO_MANY_REQUESTS: 429,
    REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
    UNAVAILABLE_FOR_LEGAL_REASONS: 451,
    INTERNAL_SERVER_ERROR: 500,
    NOT_IMPLEMENTED: 501,
    BAD_GATEWAY: 502,
    SERVICE_UNAVAILABLE: 503,
    GATEWAY_TIMEOUT: 504,
    HTTP_VERSION_NOT_SUPPORTED: 505,
    INSUFFICIENT_STORAGE: 507,
    NETWORK_AUTHENTICATION_REQUIRED: 511,
  };
  return { StatusCodes: codes, ...codes, getReasonPhrase: (code: number) => statusText(code), getStatusText: (code: number) => statusText(code) };
}

/**
 * Node's `stream/promises` `pipeline(source, ...transforms, destination)`: pipes each stream
 * into the next and resolves when the destination finishes; when a stream fails it destroys
 * them all (a response destroyed before it ended sends nothing) and rejects.
 */
function streamPromises(world: World): Record<string, unknown> {
  const pipeline = (...streams: unknown[]) => {
    const list = streams.filter((s): s is Emitter & Record<string, Fn> => !!s && typeof s === 'object' && typeof (s as Emitter).on === 'function');
    return new world.realm.Promise<void>((resolve, reject) => {
      let done = false;
      const fail = (error: unknown) => {
        if (done) return;
        done = true;
        for (const s of list) s.destroy?.(error);
        reject(error);
      };
      for (const s of list) s.on('error', fail);
      const last = list[list.length - 1];
      last?.on('finish', () => {
        if (!done) {
          done = true;
          resolve();
        }
      });
      for (let i = 0; i + 1 < list.length; i++) list[i]!.pipe!(list[i + 1]);
    });
  };
  const finished = (stream: Emitter) =>
    new world.realm.Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      stream.on('end', () => resolve());
    });
  return { pipeline, finished };
}

// ---------------------------------------------------------------------------------------------
// React server rendering

const ELEMENT = Symbol.for('react.element');
const FRAGMENT = Symbol.for('react.fragment');

interface Element {
  $$typeof: symbol;
  type: unknown;
  props: Record<string, unknown>;
  key: unknown;
}

function createElement(type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): Element {
  const all = { ...(props ?? {}) };
  if (children.length > 0) all.children = children.length === 1 ? children[0] : children;
  return { $$typeof: ELEMENT, type, props: all, key: props?.key ?? null };
}

/**
 * `react` for server rendering: elements, and hooks as they behave during a server render
 * (`useState` gives the initial state, effects do not run).
 */
function react(): Record<string, unknown> {
  const api = {
    createElement,
    Fragment: FRAGMENT,
    forwardRef: (render: Fn) => ({ $$typeof: Symbol.for('react.forward_ref'), render }),
    memo: (type: unknown) => type,
    useState: (initial: unknown) => [typeof initial === 'function' ? (initial as Fn)() : initial, () => undefined],
    useEffect: () => undefined,
    useLayoutEffect: () => undefined,
    useMemo: (fn: Fn) => fn(),
    useCallback: (fn: Fn) => fn,
    useRef: (current: unknown) => ({ current }),
    useContext: (context: { _value?: unknown }) => context?._value,
    createContext: (value: unknown) => ({ _value: value, Provider: FRAGMENT }),
    Suspense: FRAGMENT,
  };
  return { ...api, default: api };
}

/** `react/jsx-runtime`, what the automatic JSX transform imports (`jsx`, `jsxs`, `Fragment`). */
function jsxRuntime(): Record<string, unknown> {
  const jsx = (type: unknown, props: Record<string, unknown>, key?: unknown): Element => ({ $$typeof: ELEMENT, type, props, key: key ?? null });
  return { jsx, jsxs: jsx, jsxDEV: jsx, Fragment: FRAGMENT };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);

/**
 * HTML of a node, rendered synchronously as `react-dom/server` does: host elements become tags,
 * the program's own components are called with their props. A component the world cannot know
 * (a stand-in from a missing local module) renders as `<Name/>` without being called.
 */
function renderHtml(world: World, node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (Array.isArray(node)) return node.map((n) => renderHtml(world, n)).join('');
  if (typeof node !== 'object') return escapeHtml(String(node));
  const element = node as Element;
  if (element.$$typeof !== ELEMENT) return escapeHtml(String(node));
  const { type, props } = element;
  if (type === FRAGMENT) return renderHtml(world, props.children);
  if (typeof type === 'string') {
    const attributes = Object.entries(props)
      .filter(([k, v]) => k !== 'children' && k !== 'dangerouslySetInnerHTML' && typeof v !== 'function' && v !== undefined && v !== null && v !== false)
      .map(([k, v]) => ` ${k === 'className' ? 'class' : k}="${escapeHtml(String(v))}"`)
      .join('');
    const inner = (props.dangerouslySetInnerHTML as { __html?: string } | undefined)?.__html ?? renderHtml(world, props.children);
    return `<${type}${attributes}>${inner}</${type}>`;
  }
  if (world.isStandIn(type)) return `<${/([\w$]+)\]$/.exec(String(type))?.[1] ?? 'Component'}/>`;
  if (typeof type === 'function') return renderHtml(world, (type as Fn)(props));
  const forward = type as { render?: Fn };
  if (forward && typeof forward.render === 'function') return renderHtml(world, forward.render(props, null));
  return '';
}

/** `react-dom/server`: `renderToString` and `renderToStaticMarkup` render synchronously. */
function reactDomServer(world: World): Record<string, unknown> {
  const render = (node: unknown) => renderHtml(world, node);
  return { renderToString: render, renderToStaticMarkup: render };
}

/**
 * `@react-email/render` (`packages/render/src/node/render.tsx`): `render(node, options)` is
 * async since 1.0: it renders through react-dom/server's streams and resolves to the document,
 * prefixed with the XHTML doctype. No external work, so the promise resolves once rendered.
 */
function reactEmail(world: World): Record<string, unknown> {
  const doctype = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';
  const render = (node: unknown) => world.realm.Promise.resolve().then(() => `${doctype}${renderHtml(world, node)}`);
  return { render, default: render };
}
