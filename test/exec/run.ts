/**
 * Runs one program once: a fresh `vm` context and world per run, the module evaluated, its HTTP
 * entry points found, one request sent through the entry's platform wrapper, and the world run
 * to the end under one schedule. The result is a trace.
 *
 * Platform wrappers, as each platform invokes a handler:
 * - Functions Framework (`@google-cloud/functions-framework` 5.x, `build/src/function_wrappers.js`
 *   `wrapHttpFunction`): the handler runs in a domain on `process.nextTick`; a returned promise
 *   that rejects, or an error thrown in the handler or in a callback it scheduled, goes to
 *   `errorHandler`, which calls `sendCrashResponse` (`build/src/logger.js`): unless headers were
 *   sent, `X-Google-Status: crash` and status 500 (`res.sendStatus(500)` with
 *   NODE_ENV=production). An unhandled rejection anywhere reaches the handler `invoker.js`
 *   registers on `process.on('unhandledRejection')`: `sendCrashResponse` on the latest response,
 *   then `killInstance`: the instance stops, pending work never settles. Firebase HTTPS functions
 *   (v1 and v2) are served this way too, inside firebase-functions' own wrapper (world.ts).
 * - Node `http.createServer(fn)` and an Express app's `listen()`: the return value of the
 *   listener is ignored. An uncaught exception or an unhandled rejection stops the process
 *   (Node's default `--unhandled-rejections=throw`): the request gets no response.
 */
import vm from 'node:vm';
import { existsSync, readFileSync, statSync } from 'node:fs';
import nodePath from 'node:path';
import { compile, findFreeIdentifiers, findTypedResponseExports, KNOWN_GLOBALS } from './loader';
import { Scheduler, type Schedule, type TraceEvent } from './scheduler';
import { createRequest, createResponse, type FakeRequest, type FakeResponse, type Realm, type ResponseFlavour } from './http';
import { BACKGROUND, concretePath, EXPRESS_APP, type Entry, type ExpressRoute, UnknownModuleError, World } from './world';

type Fn = (...args: any[]) => any;

export interface Target {
  /** Index of the entry among the program's entries, and the request sent to it. */
  entry: number;
  entryName: string;
  kind: Entry['kind'];
  method: string;
  path: string;
  expressMajor: 4 | 5;
}

export type Outcome = 'responded' | 'hung' | 'crashed';

export interface Trace {
  target: Target;
  /** Undeclared identifiers that ran as stand-ins (see World.opaque). */
  opaque: string[];
  schedule: string;
  events: TraceEvent[];
  outcome: Outcome;
  files: Record<string, string>;
  logs: string[];
}

/** The program cannot run in the world (an unknown module, a free identifier, a load error). */
export class NotExecutableError extends Error {}

export interface ProgramRun {
  source: string;
  path: string;
}

const PROGRAM_DIR = '/program';

/** What one module evaluation finds: the entries it registered or exported. */
interface Loaded {
  world: World;
  opaque: string[];
  scheduler: Scheduler;
  realm: Realm;
  entries: Entry[];
  killed: () => boolean;
  platformErrors: { uncaught: (e: unknown) => void; rejection: (e: unknown) => void };
  setLatest(res: FakeResponse, kind: Entry['kind']): void;
}

function message(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as Error).message);
  return String(error);
}

/** Identifiers the program uses without declaring them that are not globals of the world. */
export function findUnknownGlobals(program: ProgramRun): string[] {
  const key = `${program.path}\0${program.source}`;
  let names = unknownGlobalsCache.get(key);
  if (!names) {
    if (unknownGlobalsCache.size > 64) unknownGlobalsCache.clear();
    names = findFreeIdentifiers(program.source, program.path).filter((n) => !KNOWN_GLOBALS.has(n));
    unknownGlobalsCache.set(key, names);
  }
  return [...names];
}

const unknownGlobalsCache = new Map<string, string[]>();

const typedExportsCache = new Map<string, string[]>();

/** Exports typed as `(req, res: Response)` handlers in a TypeScript program (see loader.ts). */
function typedResponseExports(program: ProgramRun): string[] {
  const key = `${program.path}\0${program.source}`;
  let names = typedExportsCache.get(key);
  if (!names) {
    if (typedExportsCache.size > 64) typedExportsCache.clear();
    names = findTypedResponseExports(program.source, program.path);
    typedExportsCache.set(key, names);
  }
  return names;
}

const compiledCache = new Map<string, ReturnType<typeof compile>>();

function compileOnce(program: ProgramRun): ReturnType<typeof compile> {
  const key = `${program.path}\0${program.source}`;
  let compiled = compiledCache.get(key);
  if (!compiled) {
    if (compiledCache.size > 64) compiledCache.clear();
    compiled = compile(program.source, program.path);
    compiledCache.set(key, compiled);
  }
  return compiled;
}

function load(program: ProgramRun, schedule: Schedule, expressMajor: 4 | 5, logs: string[]): Loaded {
  const compiled = compileOnce(program);
  const filename = `${PROGRAM_DIR}/${program.path.replace(/^.*\//, '')}`;
  let latest: { res: FakeResponse; kind: Entry['kind'] } | null = null;
  let killed = false;
  const platformErrors = {
    uncaught: (error: unknown) => {
      scheduler.record({ kind: 'uncaught', message: message(error) });
      if (latest?.kind === 'functions-framework') {
        // The domain's errorHandler: a crash response, the instance keeps running.
        if (!latest.res.locals || !(latest.res.locals as Record<string, unknown>).functionExecutionFinished) {
          (latest.res.locals as Record<string, unknown>).functionExecutionFinished = true;
          sendCrashResponse(latest.res);
        }
      } else {
        killed = true;
        scheduler.killed = true;
        scheduler.record({ kind: 'platform', message: 'process crashed (uncaught exception)' });
      }
    },
    rejection: (error: unknown) => {
      scheduler.record({ kind: 'unhandled-rejection', message: message(error) });
      if (latest?.kind === 'functions-framework') sendCrashResponse(latest.res);
      killed = true;
      scheduler.killed = true;
      scheduler.record({ kind: 'platform', message: 'instance stopped (unhandled rejection)' });
    },
  };
  const scheduler: Scheduler = new Scheduler(schedule, (e) => platformErrors.uncaught(e));
  const sendCrashResponse = (res: FakeResponse) => {
    if (res.headersSent) return;
    try {
      (res.setHeader as Fn)('X-Google-Status', 'crash');
      if (typeof res.sendStatus === 'function') (res.sendStatus as Fn)(500);
      else {
        res.statusCode = 500;
        (res.end as Fn)('Internal Server Error');
      }
    } catch {
      // headers went out meanwhile
    }
  };

  const context = vm.createContext({});
  const realm = vm.runInContext('({ Promise, Error })', context) as Realm;
  const callerLines = (): number[] => {
    const previous = Error.stackTraceLimit;
    Error.stackTraceLimit = 60;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = previous;
    const lines: number[] = [];
    for (const frame of stack.split('\n')) {
      const at = frame.lastIndexOf(`${filename}:`);
      if (at < 0) continue;
      const line = compiled.originalLine(Number(/^:(\d+):/.exec(frame.slice(at + filename.length))?.[1]));
      if (line !== null && !lines.includes(line)) lines.push(line);
    }
    return lines;
  };
  const world = new World({ scheduler, realm, callerLines, expressMajor, log: (m) => logs.push(m) });
  const timers = {
    setTimeout: (fn: Fn, ms?: number, ...args: unknown[]) => scheduler.setTimer(ms ?? 0, () => fn(...args)),
    setInterval: (fn: Fn, ms?: number, ...args: unknown[]) => {
      const every = Math.max(1, ms ?? 1);
      let id = 0;
      const tick = () => {
        id = scheduler.setTimer(every, tick);
        fn(...args);
      };
      id = scheduler.setTimer(every, tick);
      return { ref: () => id, unref: () => undefined, id: () => id };
    },
    setImmediate: (fn: Fn, ...args: unknown[]) => scheduler.setTimer(0, () => fn(...args)),
    clearTimeout: (id: unknown) => scheduler.clearTimer(id),
    clearInterval: (handle: { id?: () => number } | undefined) => scheduler.clearTimer(handle?.id?.()),
    clearImmediate: (id: unknown) => scheduler.clearTimer(id),
  };
  const consoleFake = Object.fromEntries(
    ['log', 'info', 'warn', 'error', 'debug', 'trace'].map((level) => [
      level,
      (...args: unknown[]) => logs.push(`${level}: ${args.map((a) => (typeof a === 'string' ? a : message(a))).join(' ')}`),
    ]),
  );
  const processFake = {
    env: { NODE_ENV: 'production', GCLOUD_PROJECT: 'project-1', FUNCTION_TARGET: 'handler' },
    nextTick: (fn: Fn, ...args: unknown[]) => realm.Promise.resolve().then(() => scheduler.invoke(() => fn(...args))),
    exit: (code?: number) => {
      scheduler.record({ kind: 'platform', message: `process.exit(${code ?? 0})` });
      killed = true;
      scheduler.killed = true;
      throw new realm.Error('process exited');
    },
    on: () => processFake,
    once: () => processFake,
    cwd: () => PROGRAM_DIR,
    version: 'v20.0.0',
    versions: { node: '20.0.0' },
    platform: 'linux',
    hrtime: Object.assign(() => [0, scheduler.time * 1e6], { bigint: () => BigInt(scheduler.time) * 1_000_000n }),
    memoryUsage: () => ({ heapUsed: 0 }),
    uptime: () => scheduler.time / 1000,
  };
  const opaque = findUnknownGlobals(program);
  for (const name of opaque) (context as Record<string, unknown>)[name] = world.opaque(name);
  Object.assign(context, {
    ...timers,
    console: consoleFake,
    process: processFake,
    Buffer,
    URL,
    URLSearchParams,
    TextEncoder,
    TextDecoder,
    AbortController,
    structuredClone,
    queueMicrotask: (fn: Fn) => realm.Promise.resolve().then(() => scheduler.invoke(fn)),
    fetch: world.fetch(),
  });
  vm.runInContext(
    `globalThis.global = globalThis;
     { const start = Date.UTC(2026, 0, 1); const clock = __clock; const RealDate = Date;
       globalThis.Date = class Date extends RealDate {
         constructor(...args) { if (args.length === 0) super(start + clock()); else super(...args); }
         static now() { return start + clock(); }
       };
       let seed = 1; Math.random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647); }
     delete globalThis.__clock;`,
    Object.assign(context, { __clock: () => scheduler.time }),
  );

  // Local modules: a relative specifier that names a file beside the program is compiled and run
  // in this context (its own require resolves from its own folder); one that names no file runs
  // as a stand-in module, like an undeclared identifier.
  const programFile = nodePath.isAbsolute(program.path) ? program.path : null;
  const localModules = new Map<string, { exports: unknown }>();
  const makeRequire = (fromFile: string | null) => (specifier: string) => {
    // `@/lib/db`, `~/lib/db`: a path alias of the project's own tsconfig (Next.js, Nuxt), a local module.
    if (isPathAlias(specifier)) return world.standInModule(specifier);
    if (!isRelativeSpecifier(specifier)) return world.require(specifier);
    const resolved = fromFile ? resolveLocalFile(fromFile, specifier) : null;
    if (!resolved) return world.standInModule(specifier);
    const cached = localModules.get(resolved);
    if (cached) return cached.exports;
    const local = { exports: {} as unknown };
    localModules.set(resolved, local);
    const source = readFileSync(resolved, 'utf8');
    const run = { source, path: resolved };
    for (const name of findUnknownGlobals(run)) {
      if (name in context) continue;
      (context as Record<string, unknown>)[name] = world.opaque(name);
      opaque.push(name);
    }
    const localName = `${PROGRAM_DIR}/${nodePath.relative(nodePath.dirname(programFile!), resolved).replace(/\\/g, '/')}`;
    const localWrapper = evaluate(compileOnce(run).code, localName);
    localWrapper(local.exports, makeRequire(resolved), local, localName, nodePath.posix.dirname(localName));
    return local.exports;
  };
  const evaluate = (code: string, name: string): Fn => {
    try {
      return vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, context, { filename: name }) as Fn;
    } catch (error) {
      throw new NotExecutableError(`the compiled module${name === filename ? '' : ` ${name}`} does not run as CommonJS: ${message(error)}`);
    }
  };
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = evaluate(compiled.code, filename);
  try {
    wrapper(module.exports, makeRequire(programFile), module, filename, PROGRAM_DIR);
  } catch (error) {
    if (error instanceof UnknownModuleError || error instanceof NotExecutableError) throw new NotExecutableError(error.message);
    throw new NotExecutableError(`loading the module threw: ${message(error)}`);
  }

  const entries = [...world.entries];
  const registered = new Set(entries.map((e) => e.fn));
  const exported = module.exports as unknown;
  const candidates: [string, unknown][] =
    typeof exported === 'function' ? [['module.exports', exported]] : exported && typeof exported === 'object' ? Object.entries(exported) : [];
  for (const [name, value] of candidates) {
    if (typeof value !== 'function' || registered.has(value as Fn)) continue;
    const fn = value as Fn & { [BACKGROUND]?: boolean; [EXPRESS_APP]?: unknown; __handler?: unknown };
    if (fn[BACKGROUND]) continue;
    const handlerLike = isResponseHandler(fn) || typedResponseExports(program).includes(name);
    if (!fn[EXPRESS_APP] && !('__handler' in fn) && (!handlerLike || isCalledInFile(program.source, name))) continue;
    entries.push({ kind: 'functions-framework', name, fn });
    registered.add(fn);
  }
  // An app that is neither exported nor registered nor listening still serves its routes.
  const wrapped = new Set([...registered].map((fn) => (fn as { __handler?: Fn }).__handler ?? fn));
  for (const app of world.apps) {
    if (!registered.has(app) && !wrapped.has(app) && !entries.some((e) => e.fn === app)) entries.push({ kind: 'express-listen', name: 'app', fn: app });
  }
  // A router that is neither exported nor mounted here is mounted by another file: it serves its
  // routes as an app that mounts it at `/` would.
  for (const router of world.routers) {
    if (!registered.has(router) && !wrapped.has(router) && !world.mounted.has(router) && !entries.some((e) => e.fn === router)) {
      entries.push({ kind: 'express-listen', name: 'router', fn: router });
    }
  }
  // One entry per function: an app both exported and listening runs once, as exported.
  const seen = new Set<Fn>();
  const unique = entries
    .sort((a, b) => Number(b.kind === 'functions-framework') - Number(a.kind === 'functions-framework'))
    .filter((e) => !seen.has(e.fn) && !!seen.add(e.fn));
  return {
    world,
    scheduler,
    realm,
    opaque,
    entries: unique,
    killed: () => killed,
    platformErrors,
    setLatest: (res, kind) => {
      latest = { res, kind };
    },
  };
}

function isPathAlias(specifier: string): boolean {
  return specifier.startsWith('@/') || specifier.startsWith('~/');
}

function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

const LOCAL_EXTENSIONS = ['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts', '.jsx', '.tsx'];

/**
 * The file a relative specifier names from `fromFile`, resolved as Node does (the exact path, an
 * added extension, a folder's index) and as TypeScript does for a source that imports a sibling
 * by its compiled name (`./util.js` -> `./util.ts`); null when no such file exists.
 */
function resolveLocalFile(fromFile: string, specifier: string): string | null {
  const base = nodePath.resolve(nodePath.dirname(fromFile), specifier);
  const candidates = [base, ...LOCAL_EXTENSIONS.map((ext) => base + ext), ...LOCAL_EXTENSIONS.map((ext) => nodePath.join(base, `index${ext}`))];
  const compiledName = /\.(c|m)?js$/.exec(base);
  if (compiledName) candidates.push(`${base.slice(0, -compiledName[0].length)}.${compiledName[1] ?? ''}ts`, `${base.slice(0, -compiledName[0].length)}.tsx`);
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

/** An exported function whose second parameter is named like a response: `(req, res)`. */
function isResponseHandler(fn: Fn): boolean {
  const text = Function.prototype.toString.call(fn);
  const params = /^(?:async\s*)?(?:function\b[^(]*)?\(([^)]*)\)/.exec(text)?.[1];
  const names = (params ?? '').split(',').map((p) =>
    p
      .trim()
      .replace(/[=:].*$/, '')
      .trim(),
  );
  const second = names[1];
  const third = names[2];
  return !!second && /^_*(res|resp|response)$/i.test(second) && (third === undefined || third === '' || /^_*next$/i.test(third));
}

/** An exported function the module calls itself is a helper, not an entry point. */
function isCalledInFile(source: string, name: string): boolean {
  if (name === 'default') return false; // `export default (req, res) => ...` is no call
  const calls = source.match(new RegExp(`(?<!function\\s*\\*?\\s*)\\b${name.replace(/[^\w$]/g, '')}\\s*\\(`, 'g')) ?? [];
  return calls.length > 0;
}

/** The Express routes behind an entry (an app, a firebase wrapper of one), or null for a plain handler. */
function routesOf(fn: Fn): ExpressRoute[] | null {
  const target = (fn as { __handler?: Fn }).__handler ?? fn;
  const app = (target as { [EXPRESS_APP]?: { routes: ExpressRoute[] } })[EXPRESS_APP];
  return app ? app.routes : null;
}

/** The requests to send to a program: one per entry, one per route of an Express app. */
export function findTargets(program: ProgramRun): Target[] {
  const logs: string[] = [];
  const loaded = load(program, { name: 'probe', pick: () => 0, rejects: () => false }, 4, logs);
  if (loaded.entries.length === 0) throw new NotExecutableError('no HTTP entry point (registration or exported (req, res) function)');
  const targets: Target[] = [];
  loaded.entries.forEach((entry, index) => {
    const routes = routesOf(entry.fn);
    const requests = routes
      ? routes.length > 0
        ? [
            ...new Map(
              routes.map((r) => [`${r.method} ${r.path}`, { method: r.method === 'all' ? 'GET' : r.method.toUpperCase(), path: concretePath(r.path) }]),
            ).values(),
          ]
        : [{ method: 'POST', path: '/' }]
      : [{ method: 'POST', path: '/' }];
    const majors: (4 | 5)[] = routes ? [4, 5] : [4];
    for (const request of requests) {
      for (const expressMajor of majors) {
        targets.push({ entry: index, entryName: entry.name, kind: entry.kind, ...request, expressMajor });
      }
    }
  });
  return targets;
}

/** Next.js API routes: a file under `pages/api/` or `app/api/`, or one that imports from `next` (type imports included). */
function flavourOf(kind: Entry['kind'], program: ProgramRun): ResponseFlavour {
  if (kind === 'node-http') return 'node';
  if (/(^|\/)(pages|app)\/api\//.test(program.path)) return 'next';
  if (/^\s*import\b[^;]*?\bfrom\s*['"]next(\/[^'"]*)?['"]/m.test(program.source)) return 'next';
  return 'express';
}

/** Let the program's promise jobs and Node's rejection tracking run. */
async function drain(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Run `program` once: send `target`'s request, settle the world's work under `schedule`. */
export async function runOnce(program: ProgramRun, target: Target, schedule: Schedule): Promise<Trace> {
  const logs: string[] = [];
  const loaded = load(program, schedule, target.expressMajor, logs);
  const { scheduler, realm, world } = loaded;
  const entry = loaded.entries[target.entry];
  if (!entry) throw new NotExecutableError(`entry ${target.entry} (${target.entryName}) is missing in this run`);

  const unhandled = new Map<Promise<unknown>, unknown>();
  const onUnhandled = (reason: unknown, promise: Promise<unknown>) => {
    if (promise instanceof realm.Promise) unhandled.set(promise, reason);
  };
  const onHandled = (promise: Promise<unknown>) => unhandled.delete(promise);
  // The real process object: a test runner's sandbox has its own copy. Its own rejection
  // listeners step aside while the program runs, so that the platform, not the runner, decides.
  const host = vm.runInThisContext('process') as NodeJS.Process;
  const saved = host.listeners('unhandledRejection') as ((...args: unknown[]) => void)[];
  host.removeAllListeners('unhandledRejection');
  host.on('unhandledRejection', onUnhandled);
  host.on('rejectionHandled', onHandled);
  try {
    const req = createRequest(
      { method: target.method, path: target.path, body: { id: 'id-1', name: 'name-1', email: 'user@example.com', text: 'hello', items: [] } },
      (r: FakeRequest) =>
        scheduler.start('request.body', [], false, (ok) =>
          scheduler.invoke(() => {
            if (!ok) {
              if (!r.emit('error', new realm.Error('aborted'))) throw new realm.Error('aborted');
              return;
            }
            r.emit('data', Buffer.from(JSON.stringify({ id: 'id-1' })));
            r.emit('end');
          }),
        ),
    );
    const res = createResponse(flavourOf(entry.kind, program), scheduler, realm, req);
    world.responses.add(res);
    req.res = res;
    loaded.setLatest(res, entry.kind);

    if (entry.kind === 'functions-framework') {
      // wrapHttpFunction: run on nextTick inside a domain; a rejected returned promise is an error.
      realm.Promise.resolve().then(() => {
        let ret: unknown;
        try {
          ret = entry.fn(req, res);
        } catch (error) {
          loaded.platformErrors.uncaught(error);
          return;
        }
        if (ret instanceof realm.Promise || ret instanceof Promise) {
          (ret as Promise<unknown>).catch((error: unknown) => loaded.platformErrors.uncaught(error));
        }
      });
    } else {
      scheduler.invoke(() => void entry.fn(req, res));
    }

    const settleRejections = async () => {
      await drain();
      for (const [promise, reason] of [...unhandled]) {
        unhandled.delete(promise);
        if (!scheduler.killed) loaded.platformErrors.rejection(reason);
      }
    };
    await scheduler.run(settleRejections);
    await settleRejections();
  } finally {
    host.off('unhandledRejection', onUnhandled);
    host.off('rejectionHandled', onHandled);
    for (const listener of saved) host.on('unhandledRejection', listener);
  }
  if (world.opaqueGotResponse.length > 0) {
    const name = world.opaqueGotResponse[0]!;
    throw new NotExecutableError(
      isRelativeSpecifier(name)
        ? `the response is handed to ${name}, from a local module that is not beside the program (a stand-in the world cannot know)`
        : `the response is handed to ${name}, an undeclared identifier the world cannot know`,
    );
  }
  const responded = scheduler.events.some((e) => e.kind === 'response');
  const outcome: Outcome = responded ? 'responded' : loaded.killed() ? 'crashed' : 'hung';
  return {
    target,
    opaque: [...loaded.opaque, ...world.standInModules],
    schedule: schedule.name,
    events: scheduler.events,
    outcome,
    files: Object.fromEntries([...world.files].sort()),
    logs,
  };
}
