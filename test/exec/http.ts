/**
 * Recording fakes of the request and the response. The response follows Express's `res` (its
 * `send`, `json`, `sendStatus`, `redirect`, `set`, ... with Express 4's meaning of the status
 * forms that Express 5 removed, the meaning `send-status` preserves), Next.js's API-route response
 * (no `sendStatus`), or Node's `http.ServerResponse` (`writeHead`, `write`, `end`, `statusCode`).
 * Like Express, anything that sets a header once the headers are out throws an error with code
 * `ERR_HTTP_HEADERS_SENT`; the trace records it even when the program catches it.
 */
import type { Scheduler } from './scheduler';

export type ResponseFlavour = 'express' | 'next' | 'node';

/** Constructors of the program's realm, so that `instanceof Error` holds inside the program. */
export interface Realm {
  Promise: PromiseConstructor;
  Error: ErrorConstructor;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? String(status);
}

type Listener = (...args: unknown[]) => void;

/** A minimal event emitter shared by the fakes (listeners run through the scheduler). */
export class Emitter {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>();

  on(event: string, fn: Listener): this {
    const list = this.listeners.get(event) ?? [];
    list.push({ fn, once: false });
    this.listeners.set(event, list);
    this.onListen(event);
    return this;
  }
  addListener(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  once(event: string, fn: Listener): this {
    this.on(event, fn);
    const list = this.listeners.get(event)!;
    list[list.length - 1]!.once = true;
    return this;
  }
  off(event: string, fn: Listener): this {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((l) => l.fn !== fn),
    );
    return this;
  }
  removeListener(event: string, fn: Listener): this {
    return this.off(event, fn);
  }
  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((l) => !l.once),
    );
    for (const l of list) l.fn.apply(this, args);
    return list.length > 0;
  }
  /** Subclasses start producing data when someone listens. */
  protected onListen(_event: string): void {}
}

export interface FakeResponse extends Emitter {
  [key: string]: unknown;
}

function headersSentError(realm: Realm, what: string): Error {
  const error = new realm.Error(`Cannot ${what} after they are sent to the client`);
  (error as Error & { code: string }).code = 'ERR_HTTP_HEADERS_SENT';
  return error;
}

function bodyText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return JSON.stringify(value) ?? '';
}

/** A response fake of the given flavour whose ending is recorded in the scheduler's trace. */
export function createResponse(flavour: ResponseFlavour, scheduler: Scheduler, realm: Realm, req: object): FakeResponse {
  const headers: Record<string, string> = {};
  const chunks: string[] = [];
  let headersSent = false;
  let ended = false;

  class Response extends Emitter {
    statusCode = 200;
    statusMessage = '';
    locals: Record<string, unknown> = {};
    req = req;
    get headersSent(): boolean {
      return headersSent;
    }
    get writableEnded(): boolean {
      return ended;
    }
    get finished(): boolean {
      return ended;
    }
    setHeader(name: string, value: unknown): this {
      if (headersSent) {
        const error = headersSentError(realm, 'set headers');
        scheduler.record({ kind: 'headers-sent-error', message: `setHeader(${name})` });
        throw error;
      }
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return this;
    }
    getHeader(name: string): string | undefined {
      return headers[name.toLowerCase()];
    }
    hasHeader(name: string): boolean {
      return name.toLowerCase() in headers;
    }
    removeHeader(name: string): void {
      delete headers[name.toLowerCase()];
    }
    getHeaders(): Record<string, string> {
      return { ...headers };
    }
    writeHead(status: number, ...rest: unknown[]): this {
      if (headersSent) {
        scheduler.record({ kind: 'headers-sent-error', message: 'writeHead' });
        throw headersSentError(realm, 'write headers');
      }
      this.statusCode = status;
      const last = rest[rest.length - 1];
      if (last && typeof last === 'object') for (const [k, v] of Object.entries(last)) this.setHeader(k, v);
      headersSent = true;
      return this;
    }
    write(chunk: unknown, ..._rest: unknown[]): boolean {
      if (ended) {
        scheduler.record({ kind: 'headers-sent-error', message: 'write after end' });
        return false;
      }
      headersSent = true;
      const text = bodyText(chunk);
      chunks.push(text);
      scheduler.record({ kind: 'write', chunk: text });
      return true;
    }
    end(chunk?: unknown, ..._rest: unknown[]): this {
      if (ended) {
        if (chunk !== undefined && typeof chunk !== 'function') scheduler.record({ kind: 'headers-sent-error', message: 'write after end' });
        return this;
      }
      if (chunk !== undefined && typeof chunk !== 'function') chunks.push(bodyText(chunk));
      headersSent = true;
      ended = true;
      scheduler.record({ kind: 'response', status: this.statusCode, body: chunks.join(''), headers: { ...headers } });
      realm.Promise.resolve().then(() => {
        scheduler.invoke(() => this.emit('finish'));
        scheduler.invoke(() => this.emit('close'));
      });
      return this;
    }
    cork(): void {}
    uncork(): void {}
    flushHeaders(): void {
      headersSent = true;
    }
  }

  const res = new Response() as unknown as FakeResponse & InstanceType<typeof Response>;
  if (flavour === 'node') return res;

  const sendBody = (body: unknown, json: boolean): FakeResponse => {
    // Express sets Content-Type and Content-Length before it writes: both throw once headers are out.
    if (json || (body !== null && typeof body === 'object' && !Buffer.isBuffer(body))) {
      if (!res.getHeader('content-type')) res.setHeader('Content-Type', 'application/json; charset=utf-8');
      const text = body === undefined ? '' : (JSON.stringify(body) ?? '');
      res.setHeader('Content-Length', String(Buffer.byteLength(text)));
      return res.end(text);
    }
    if (typeof body === 'string' && !res.getHeader('content-type')) res.setHeader('Content-Type', 'text/html; charset=utf-8');
    const text = bodyText(body);
    res.setHeader('Content-Length', String(Buffer.byteLength(text)));
    return res.end(req && (req as { method?: string }).method === 'HEAD' ? undefined : text);
  };

  res.status = (code: number) => {
    res.statusCode = code;
    return res;
  };
  res.send = (...args: unknown[]) => {
    let body = args[0];
    if (flavour === 'express' && args.length === 2) {
      // Express 4: res.send(status, body) and res.send(body, status).
      if (typeof args[0] !== 'number' && typeof args[1] === 'number') {
        res.statusCode = args[1];
        body = args[0];
      } else {
        res.statusCode = Number(args[0]);
        body = args[1];
      }
    } else if (flavour === 'express' && typeof body === 'number') {
      // Express 4: res.send(status) sends the status with its text.
      res.statusCode = body;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      body = statusText(body);
    }
    return sendBody(body, false);
  };
  res.json = (...args: unknown[]) => {
    let body = args[0];
    if (flavour === 'express' && args.length === 2) {
      if (typeof args[1] === 'number') {
        res.statusCode = args[1];
      } else {
        res.statusCode = Number(args[0]);
        body = args[1];
      }
    }
    return sendBody(body, true);
  };
  res.jsonp = res.json;
  res.redirect = (...args: unknown[]) => {
    let url = args[0];
    let status = 302;
    if (args.length === 2) {
      if (typeof args[0] === 'number') {
        status = args[0];
        url = args[1];
      } else {
        status = Number(args[1]);
      }
    }
    res.statusCode = status;
    res.setHeader('Location', String(url));
    return sendBody(`${statusText(status)}. Redirecting to ${String(url)}`, false);
  };
  res.set = res.header = (field: unknown, value?: unknown) => {
    if (field && typeof field === 'object') for (const [k, v] of Object.entries(field)) res.setHeader(k, v);
    else res.setHeader(String(field), value);
    return res;
  };
  res.append = (field: string, value: unknown) => res.setHeader(field, value);
  res.get = (field: string) => res.getHeader(field);
  res.type = res.contentType = (type: string) => res.setHeader('Content-Type', type.includes('/') ? type : `application/${type}`);
  res.location = (url: string) => res.setHeader('Location', url);
  res.vary = (field: string) => res.setHeader('Vary', field);
  res.cookie = (name: string, value: unknown) => res.setHeader('Set-Cookie', `${name}=${bodyText(value)}`);
  res.clearCookie = (name: string) => res.setHeader('Set-Cookie', `${name}=; expires=0`);
  res.attachment = (name?: string) => res.setHeader('Content-Disposition', `attachment${name ? `; filename="${name}"` : ''}`);
  res.render = (view: string, locals?: unknown, callback?: unknown) => {
    const html = `<rendered ${view} ${bodyText(locals === undefined || typeof locals === 'function' ? {} : locals)}>`;
    const cb = typeof locals === 'function' ? locals : callback;
    if (typeof cb === 'function') {
      (cb as (e: unknown, h: string) => void)(null, html);
      return undefined;
    }
    return sendBody(html, false);
  };
  if (flavour === 'express') {
    res.sendStatus = (code: number) => {
      res.statusCode = code;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      return sendBody(statusText(code), false);
    };
    res.format = (handlers: Record<string, () => void>) => {
      const fn = handlers.json ?? handlers['application/json'] ?? handlers.default ?? Object.values(handlers)[0];
      fn?.();
      return res;
    };
    res.links = () => res;
  } else {
    res.revalidate = () => realm.Promise.resolve();
  }
  return res;
}

export interface RequestOptions {
  method: string;
  path: string;
  body: unknown;
  headers?: Record<string, string>;
}

/** Values a handler may read from the request that the test did not set: readable, deterministic strings. */
function lenient(base: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(base, {
    get(target, key, receiver) {
      if (typeof key !== 'string' || key in target || key === 'then' || key === 'toJSON' || key === 'constructor') {
        return Reflect.get(target, key, receiver);
      }
      return `${key}-1`;
    },
  });
}

export interface FakeRequest extends Emitter {
  [key: string]: unknown;
}

/**
 * A request fake: `body`, `query`, `params`, `headers`, `method`, `rawBody`, `get()`. Properties
 * the test did not set read as `<name>-1` so that handlers get past their input checks the same
 * way in both versions of a program. Listening for `data`/`end` starts a work item that delivers
 * the body (as Node's request stream would).
 */
export function createRequest(options: RequestOptions, startBody: (req: FakeRequest) => void): FakeRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host: 'localhost',
    authorization: 'Bearer token-1',
    ...(options.headers ?? {}),
  };
  const raw = JSON.stringify(options.body);
  let started = false;
  class Request extends Emitter {
    method = options.method;
    url = options.path;
    originalUrl = options.path;
    path = options.path;
    baseUrl = '';
    body = options.body && typeof options.body === 'object' ? lenient(options.body as Record<string, unknown>) : options.body;
    rawBody = Buffer.from(raw);
    query = lenient({});
    params = lenient({});
    cookies = {};
    headers = lenient(headers);
    ip = '127.0.0.1';
    ips = [];
    protocol = 'https';
    secure = true;
    hostname = 'localhost';
    httpVersionMajor = 1;
    socket = { remoteAddress: '127.0.0.1', destroy: () => undefined };
    res: unknown = undefined;
    get(name: string): string | undefined {
      return headers[name.toLowerCase()];
    }
    header(name: string): string | undefined {
      return headers[name.toLowerCase()];
    }
    is(type: string): boolean {
      return type.includes('json');
    }
    accepts(): string {
      return 'json';
    }
    pipe(dest: { write?: (c: unknown) => void; end?: (c?: unknown) => void }): unknown {
      dest.end?.(this.rawBody);
      return dest;
    }
    setEncoding(): this {
      return this;
    }
    resume(): this {
      return this;
    }
    protected override onListen(event: string): void {
      if ((event === 'data' || event === 'end') && !started) {
        started = true;
        startBody(this as unknown as FakeRequest);
      }
    }
  }
  return new Request() as unknown as FakeRequest;
}
