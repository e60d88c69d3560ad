/**
 * The promise inference answers promise, not-promise or unknown, and never guesses: each case is a
 * program whose expression marked `/*?*\/` is judged.
 */
import type { NodePath } from '@babel/traverse';
import * as path from 'node:path';
import { getPromiseKind, type PromiseKind } from '../../../transforms/lib/promises';
import { createModuleLoader } from '../../../transforms/lib/local-modules';
import { createSourceFile, type SourceFile } from '../../../transforms/lib/source-file';

const MARK = '/*?*/';

function judge(source: string, files: Record<string, string> = {}, parser: 'babel' | 'ts' = 'babel'): PromiseKind {
  const root = '/project/functions';
  const all: Record<string, string> = { ...files };
  const loader = createModuleLoader(
    (p) => all[path.relative(root, p)] ?? null,
    (p) => path.relative(root, p) in all,
  );
  const file: SourceFile = createSourceFile(source, parser, { path: path.join(root, parser === 'ts' ? 'index.ts' : 'index.js'), modules: loader });
  const offset = source.indexOf(MARK) + MARK.length;
  let found: NodePath | null = null;
  file.program.traverse({
    enter(p) {
      if (!found && p.isExpression() && p.node.start === offset) found = p;
    },
  });
  if (!found) throw new Error('no expression after the mark');
  return getPromiseKind(found, file);
}

const handler = (body: string, prelude = '') =>
  `const express = require('express');\nconst app = express();\n${prelude}\napp.post('/x', async (req, res, next) => {\n${body}\n});\n`;

describe('language forms', () => {
  test.each([
    ['new Promise', 'const p = /*?*/new Promise((r) => r(1));', 'promise'],
    ['Promise.all', '/*?*/Promise.all([a, b]);', 'promise'],
    ['Promise.reject', '/*?*/Promise.reject(new Error("x"));', 'promise'],
    ['a .then chain on an unknown receiver with a callback', '/*?*/thing.save().then(() => 1);', 'promise'],
    ['a .catch chain', '/*?*/Promise.resolve().catch(() => 1);', 'promise'],
    ['fetch', '/*?*/fetch("https://example.com");', 'promise'],
    ['await gives no promise', 'async function f() { const x = /*?*/await fetch("u"); }', 'not-promise'],
    ['a literal', 'const x = /*?*/"ok";', 'not-promise'],
    ['an object literal', 'const x = /*?*/{ a: 1 };', 'not-promise'],
    ['an object literal with then', 'const x = /*?*/{ then() {} };', 'promise'],
    ['console.log', '/*?*/console.log("x");', 'not-promise'],
    ['JSON.stringify', '/*?*/JSON.stringify({});', 'not-promise'],
    ['a shadowed console is not the global', 'function f(console) { /*?*/console.log(1); }', 'unknown'],
    ['a shadowed Promise is not the global', 'function f(Promise) { /*?*/Promise.all([]); }', 'unknown'],
    ['an unknown call', '/*?*/doSomething();', 'unknown'],
    ['a parameter method', 'function f(store) { /*?*/store.save(1); }', 'unknown'],
    ['an array forEach', 'const xs = [1, 2]; /*?*/xs.forEach((x) => x);', 'not-promise'],
    ['an array map returns an array', 'const xs = [1, 2]; /*?*/xs.map(async (x) => x);', 'not-promise'],
    ['map on an unknown receiver', '/*?*/rows.map((x) => x);', 'unknown'],
    ['Object.keys(..).forEach', '/*?*/Object.keys(o).forEach((k) => k);', 'not-promise'],
    ['a conditional of two promises', 'const p = (/*?*/c ? fetch("a") : Promise.resolve());', 'promise'],
    ['a conditional of a promise and a value', 'const p = (/*?*/c ? fetch("a") : null);', 'unknown'],
  ] as const)('%s', (_name, source, expected) => {
    expect(judge(source)).toBe(expected);
  });
});

describe('local functions', () => {
  test.each([
    ['an async function', 'async function save() {}\n/*?*/save();', 'promise'],
    ['an async arrow', 'const save = async () => {};\n/*?*/save();', 'promise'],
    ['a function returning a promise', 'function load(id) { return fetch(id).then((r) => r.json()); }\n/*?*/load(1);', 'promise'],
    ['a synchronous helper', 'function sendError(res, code, msg) { res.status(code).send(msg); }\n/*?*/sendError(r, 400, "x");', 'not-promise'],
    ['a helper returning a value or undefined', 'function f(x) { if (x) return 1; }\n/*?*/f(1);', 'not-promise'],
    ['a helper returning a promise on some paths', 'function f(x) { if (x) return fetch(x); }\n/*?*/f(1);', 'unknown'],
    ['a reassigned function', 'let f = async () => {}; f = () => 1;\n/*?*/f();', 'unknown'],
    ['recursion', 'function f(n) { return n ? f(n - 1) : fetch("x"); }\n/*?*/f(3);', 'unknown'],
    ['a class method', 'class Store { async save() {} size() { return 1; } }\nconst s = new Store();\n/*?*/s.save();', 'promise'],
    ['a sync class method', 'class Store { async save() {} size() { return 1; } }\nconst s = new Store();\n/*?*/s.size();', 'not-promise'],
    ['this in a method', 'class Store { async save() {} run() { /*?*/this.save(); } }', 'promise'],
    [
      'a factory returning an object of async methods',
      'function makeRepo() { return { async put(x) {}, count: () => 1 }; }\nconst repo = makeRepo();\n/*?*/repo.put(1);',
      'promise',
    ],
    ['util.promisify', "const util = require('util');\nconst fs = require('fs');\nconst read = util.promisify(fs.readFile);\n/*?*/read('a');", 'promise'],
    ['destructured promisify', "const { promisify } = require('node:util');\nconst wait = promisify(setTimeout);\n/*?*/wait(10);", 'promise'],
  ] as const)('%s', (_name, source, expected) => {
    expect(judge(source)).toBe(expected);
  });

  test('a TypeScript return type decides when the body does not', () => {
    expect(judge('function f(x: any): Promise<void> { return x.go(); }\n/*?*/f(1);', {}, 'ts')).toBe('promise');
    expect(judge('function f(x: any): void { x.go(); }\n/*?*/f(1);', {}, 'ts')).toBe('not-promise');
  });
});

describe('local modules', () => {
  const lib = {
    'lib/db.js': 'exports.save = async (x) => x;\nexports.format = (x) => String(x);\n',
    'lib/respond.js': 'function sendError(res, code, msg) { res.status(code).send(msg); }\nmodule.exports = { sendError };\n',
    'lib/single.js': 'module.exports = function load(id) { return Promise.resolve(id); };\n',
    'lib/esm.mjs': 'export async function publish(m) {}\nexport const tag = (x) => `#${x}`;\nexport default async function main() {}\n',
    'lib/index.js': "module.exports.ping = () => fetch('x');\n",
  };
  test.each([
    ['exports.f = async', "const db = require('./lib/db');\n/*?*/db.save(1);", 'promise'],
    ['exports.f = sync', "const db = require('./lib/db');\n/*?*/db.format(1);", 'not-promise'],
    ['destructured require', "const { save } = require('./lib/db');\n/*?*/save(1);", 'promise'],
    ['module.exports = { f }', "const { sendError } = require('./lib/respond');\n/*?*/sendError(res, 400, 'no');", 'not-promise'],
    ['module.exports = f', "const load = require('./lib/single');\n/*?*/load(1);", 'promise'],
    ['ESM named', "import { publish, tag } from './lib/esm.mjs';\n/*?*/publish(1);", 'promise'],
    ['ESM named sync', "import { publish, tag } from './lib/esm.mjs';\n/*?*/tag(1);", 'not-promise'],
    ['ESM default', "import main from './lib/esm.mjs';\n/*?*/main();", 'promise'],
    ['a directory index', "const { ping } = require('./lib');\n/*?*/ping();", 'promise'],
    ['a missing module', "const { ping } = require('./nowhere');\n/*?*/ping();", 'unknown'],
    ['a package outside the table', "const x = require('left-pad');\n/*?*/x('a');", 'unknown'],
  ] as const)('%s', (_name, source, expected) => {
    expect(judge(source, lib)).toBe(expected);
  });
});

describe('the handler', () => {
  test.each([
    ['a response call', '/*?*/res.status(400).send("no");', 'not-promise'],
    ['next', '/*?*/next();', 'not-promise'],
    ['req.get', '/*?*/req.get("x");', 'not-promise'],
    ['req.res', '/*?*/req.res.json({});', 'not-promise'],
    ['cors middleware', '/*?*/cors(req, res, () => {});', 'not-promise'],
  ] as const)('%s', (_name, body, expected) => {
    expect(judge(handler(body, "const cors = require('cors')({ origin: true });"))).toBe(expected);
  });
});

describe('classes', () => {
  const services = {
    'services/base.ts': [
      "import { getFirestore, type Firestore } from 'firebase-admin/firestore';",
      'export abstract class Repository {',
      '  protected readonly db: Firestore = getFirestore();',
      '  constructor(private readonly name: string) {}',
      '  protected collection() { return this.db.collection(this.name); }',
      '  save(id: string, value: object) { return this.collection().doc(id).set(value); }',
      '}',
    ].join('\n'),
    'services/orders.ts': [
      "import { Repository } from './base';",
      "import { PubSub, type Topic } from '@google-cloud/pubsub';",
      'export class Orders extends Repository {',
      '  private readonly topic: Topic;',
      '  private readonly cache = new Map<string, object>();',
      "  constructor() { super('orders'); this.topic = new PubSub().topic('orders'); }",
      '  async place(id: string, order: object) { await this.save(id, order); }',
      '  announce(data: Buffer) { return this.topic.publishMessage({ data }); }',
      '  size() { return this.cache.size; }',
      '  static create() { return new Orders(); }',
      '}',
    ].join('\n'),
    'services/index.ts': "export * from './orders';\nexport { Repository as Base } from './base';\n",
  };
  test.each([
    ['new on an imported class', "import { Orders } from './services';\nconst o = /*?*/new Orders();", 'not-promise'],
    ['an async method of an imported class', "import { Orders } from './services';\nconst o = new Orders();\n/*?*/o.place('1', {});", 'promise'],
    ['a method inherited from the superclass', "import { Orders } from './services';\nconst o = new Orders();\n/*?*/o.save('1', {});", 'promise'],
    ['a field typed with an SDK type', "import { Orders } from './services';\nconst o = new Orders();\n/*?*/o.announce(Buffer.from('x'));", 'promise'],
    ['a static factory', "import { Orders } from './services';\n/*?*/Orders.create();", 'not-promise'],
    ['a Map field', "import { Orders } from './services';\nconst o = Orders.create();\n/*?*/o.size();", 'not-promise'],
    ['a re-export under another name', "import { Base } from './services';\nclass X extends Base {}\nconst x = new X('a');\n/*?*/x.save('1', {});", 'promise'],
  ] as const)('%s', (_name, source, expected) => {
    expect(judge(source, services, 'ts')).toBe(expected);
  });

  test.each([
    ['a typed parameter property', 'constructor(private readonly db: Firestore) {}', 'promise'],
    ['an untyped parameter property', 'constructor(private readonly db) {}', 'unknown'],
  ] as const)('%s', (_name, constructorSource, expected) => {
    const source = [
      "import { getFirestore, type Firestore } from 'firebase-admin/firestore';",
      `class Repo { ${constructorSource} save(id: string) { return this.db.collection('x').doc(id).set({}); } }`,
      "const repo = new Repo(getFirestore());\n/*?*/repo.save('a');",
    ].join('\n');
    expect(judge(source, {}, 'ts')).toBe(expected);
  });

  test('a class extending a package class may inherit a then', () => {
    expect(judge("const { EventEmitter } = require('left-pad');\nclass A extends EventEmitter {}\nconst a = /*?*/new A();")).toBe('unknown');
  });
});

describe('TypeScript annotations', () => {
  test.each([
    ['a Promise parameter', 'function f(p: Promise<void>) { /*?*/p; }', 'promise'],
    ['a string parameter', 'function f(s: string) { /*?*/s; }', 'not-promise'],
    ['an array parameter', 'function f(xs: string[]) { /*?*/xs.map((x) => x); }', 'not-promise'],
    [
      'a type-only SDK import',
      "import { type Transaction } from 'firebase-admin/firestore';\nfunction f(tx: Transaction, ref: any) { /*?*/tx.get(ref); }",
      'promise',
    ],
    ['an unknown type', 'function f(x: Thing) { /*?*/x; }', 'unknown'],
    ['a type parameter', 'function f<T>(x: T) { /*?*/x; }', 'unknown'],
    [
      'a type named through the namespaced admin API',
      "import * as admin from 'firebase-admin';\nfunction f(db: admin.firestore.Firestore) { /*?*/db.collection('a').add({}); }",
      'promise',
    ],
    [
      'the same through a require',
      "const admin = require('firebase-admin');\nfunction f(ref: admin.firestore.DocumentReference) { /*?*/ref.update({ a: 1 }); }",
      'promise',
    ],
    [
      'a type named through an imported namespace',
      "import { firestore } from 'firebase-admin';\nfunction f(tx: firestore.Transaction, ref: any) { /*?*/tx.update(ref, {}); }",
      'not-promise',
    ],
    ['the global FirebaseFirestore namespace', 'function f(q: FirebaseFirestore.Query) { /*?*/q.get(); }', 'promise'],
    [
      'a FirebaseFirestore declared in the file is not the global one',
      'import * as FirebaseFirestore from "./fakes";\nfunction f(q: FirebaseFirestore.Query) { /*?*/q.get(); }',
      'unknown',
    ],
    ['a namespace of an unknown package', "import * as lib from 'left-pad';\nfunction f(x: lib.Thing) { /*?*/x.run(); }", 'unknown'],
    ['a name the namespace does not export', "import * as admin from 'firebase-admin';\nfunction f(x: admin.firestore.Unheard) { /*?*/x.run(); }", 'unknown'],
  ] as const)('%s', (_name, source, expected) => {
    expect(judge(source, {}, 'ts')).toBe(expected);
  });
});

describe('what SDK promises resolve to', () => {
  const prelude = "const admin = require('firebase-admin');\nconst db = admin.firestore();\n";
  test.each([
    ['a document snapshot', 'const snap = await db.doc("a/b").get();\n/*?*/snap.data();', 'not-promise'],
    ['the reference of a snapshot', 'const snap = await db.doc("a/b").get();\n/*?*/snap.ref.update({ a: 1 });', 'promise'],
    ['query documents mapped', 'const q = await db.collection("a").get();\n/*?*/q.docs.map((d) => d.ref.delete());', 'not-promise'],
    ['a callback parameter of docs.forEach', 'const q = await db.collection("a").get();\nq.docs.forEach((d) => { /*?*/d.ref.delete(); });', 'promise'],
    ['an element by index', 'const q = await db.collection("a").get();\n/*?*/q.docs[0].ref.delete();', 'promise'],
    ['a callback parameter of QuerySnapshot.forEach', 'const q = await db.collection("a").get();\nq.forEach((d) => { /*?*/d.ref.delete(); });', 'promise'],
    ['the transaction of runTransaction', 'await db.runTransaction(async (tx) => { /*?*/tx.get(db.doc("a/b")); });', 'promise'],
    ['the snapshot of a then callback', 'db.doc("a/b").get().then((snap) => { /*?*/snap.ref.delete(); });', 'promise'],
    ['the body of a fetch response', 'const r = await fetch("https://x");\n/*?*/r.json();', 'promise'],
    ['a header of a fetch response', 'const r = await fetch("https://x");\n/*?*/r.headers.get("etag");', 'not-promise'],
    ['find on an array of promises is not plain', 'const ps = [fetch("a")];\n/*?*/ps.find(Boolean);', 'unknown'],
  ] as const)('%s', (_name, body, expected) => {
    expect(judge(`${prelude}async function main() {\n${body}\n}`)).toBe(expected);
  });
});

describe('callback overloads with a variable last argument', () => {
  const prelude = "const { PubSub } = require('@google-cloud/pubsub');\nconst topic = new PubSub().topic('t');\n";
  test.each([
    ['a message built in a variable', 'const message = { data: Buffer.from("x") };\n/*?*/topic.publishMessage(message);', 'promise'],
    ['a callback in a variable', 'const done = () => {};\n/*?*/topic.publishMessage({ data: Buffer.from("x") }, done);', 'not-promise'],
    ['a parameter may be either', 'function send(arg) { /*?*/topic.publishMessage(arg); }', 'unknown'],
  ] as const)('%s', (_name, body, expected) => {
    expect(judge(prelude + body)).toBe(expected);
  });
});

describe('CommonJS exports', () => {
  const lib = {
    'lib/mail.js': 'async function send() {}\nfunction build() { return {}; }\nmodule.exports = {};\nObject.assign(module.exports, { send, build });\n',
    'lib/verify.js': 'exports.check = async (x) => x;\nexports.both = (x) => exports.check(x);\nexports.twice = (x) => module.exports.check(x);\n',
  };
  test.each([
    ['Object.assign(module.exports, { ... })', "const { send } = require('./lib/mail');\n/*?*/send();", 'promise'],
    ['Object.assign sync member', "const mail = require('./lib/mail');\n/*?*/mail.build();", 'not-promise'],
    ['exports.f calling exports.g', "const v = require('./lib/verify');\n/*?*/v.both(1);", 'promise'],
    ['module.exports.g inside the module', "const v = require('./lib/verify');\n/*?*/v.twice(1);", 'promise'],
  ] as const)('%s', (_name, source, expected) => {
    expect(judge(source, lib)).toBe(expected);
  });
});
