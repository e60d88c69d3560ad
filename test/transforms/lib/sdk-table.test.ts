/**
 * Proves every entry of the SDK table against the packages' own type declarations: one TypeScript
 * program declares a value of each entry's `declaration` type (and of each module's namespace type),
 * and the type checker confirms each method, property, call and construct result the table claims.
 */
import * as path from 'node:path';
import ts from 'typescript';
import {
  SDK_MODULES,
  SDK_TYPES,
  getSdkMethod,
  getSdkModuleTypeName,
  getSdkExportedType,
  getSdkProperty,
  getSdkPropertyTypeName,
  getSdkType,
} from '../../../transforms/lib/sdk-table';
import type { SdkMethod, SdkResult } from '../../../transforms/lib/sdk-table';

/** A file that exists only in memory, placed here so that packages resolve from this repository. */
const CHECK_FILE = path.join(__dirname, '__sdk-table-check__.cts');

/**
 * CommonJS resolution, as a handler compiled to or written in CommonJS sees its packages: `require`
 * conditions for dual packages, and `require()` of an ES module (got) gives its namespace.
 */
const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
};

/**
 * SDK types whose declarations leave their members open, so the checker cannot rule out a `then`:
 * they declare none, and their objects are not thenable. Each is listed with the reason, and a test
 * below proves it is still open and still declares no `then` (so the list cannot hide a real one).
 */
const OPEN_TYPES: ReadonlyMap<string, string> = new Map([
  ['datastore.Datastore', 'DatastoreRequest declares an index signature `[key: string]: Entity` (any)'],
  ['datastore.Transaction', 'DatastoreRequest declares an index signature `[key: string]: Entity` (any)'],
  ['spanner.Instance', 'declared `extends common.GrpcServiceObject` with `declare const common: any`'],
  ['spanner.Database', 'declared `extends common.GrpcServiceObject` with `declare const common: any`'],
]);

/**
 * Members the table calls `not-promise` although their declared type is open (`any`, an index
 * signature of `any`): what runs decides, each with the source that shows it, and the test pins the
 * declared type so a change in the declarations is seen.
 */
const RUNTIME_DATA: ReadonlyMap<string, { declared: string; reason: string }> = new Map(
  [
    ...['firestore.DocumentSnapshot', 'firestore.QueryDocumentSnapshot'].flatMap((type) => [
      [`${type}.data`, type === 'firestore.DocumentSnapshot' ? 'DocumentData | undefined' : 'DocumentData'],
      [`${type}.get`, 'any'],
    ]),
  ]
    .map(
      ([member, declared]) =>
        [
          member!,
          {
            declared: declared!,
            reason:
              "@google-cloud/firestore's Serializer.decodeValue (build/src/serializer.js) turns a field into a string, number, " +
              'boolean, null, array, map, Timestamp, GeoPoint, DocumentReference, VectorValue or Buffer: none has a then method',
          },
        ] as const,
    )
    .concat([
      [
        'auth.UserRecord.customClaims',
        { declared: '{ [key: string]: any; }', reason: "firebase-admin's UserRecord parses customClaims with JSON.parse (auth/user-record.js)" },
      ],
    ]),
);

const typeNames = Object.keys(SDK_TYPES);
const moduleNames = Object.keys(SDK_MODULES);
/** Own entries only: a table lookup must never find `toString` on Object.prototype. */
const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
const typeVariable = new Map(typeNames.map((name, i) => [name, `t${i}`]));
const moduleVariable = new Map(moduleNames.map((name, i) => [name, `m${i}`]));

/** Known shapes that the classification below must get right (a check of the check itself). */
const FIXTURE = `declare const fixture: {
  promise(): Promise<void>;
  promiseLike(): PromiseLike<number>;
  customThenable(): { then(onFulfilled: (value: number) => void): void };
  anyValue(): any;
  unknownValue(): unknown;
  generic<T>(): T;
  constrained<T extends string>(): T;
  plain(): { a: 1 };
  primitive(): string;
  nothing(): void;
  openAny(): { [key: string]: any };
  openData(): { [key: string]: number };
  notCallableThen(): { then: string };
  mixed(): Promise<void> | string;
  callback(value: string, callback: (error: Error | null) => void): void;
  optionalCallback(callback?: Function): void;
  rest(...args: Array<() => void>): void;
  noParameters(): void;
};`;

function createCheckSource(): string {
  const lines: string[] = [FIXTURE];
  for (const name of typeNames) {
    lines.push(`declare const ${typeVariable.get(name)}: ${getSdkType(name)?.declaration};`);
  }
  for (const name of moduleNames) {
    lines.push(`declare const ${moduleVariable.get(name)}: typeof import(${JSON.stringify(name)});`);
  }
  for (const [name, member] of exportedTypeRows) {
    lines.push(`declare const ${exportedTypeVariable.get(`${name} ${member}`)}: ${getExportedTypeDeclaration(name, member)};`);
  }
  return `${lines.join('\n')}\nexport {};\n`;
}

interface Checked {
  program: ts.Program;
  checker: ts.TypeChecker;
  file: ts.SourceFile;
  /** Variable name -> its declared type. */
  types: Map<string, ts.Type>;
  /** Variable name -> its declaration's name node (a location for symbol lookups). */
  nodes: Map<string, ts.Node>;
  elapsedMs: number;
}

let checked: Checked | undefined;

function getChecked(): Checked {
  if (checked) return checked;
  const started = Date.now();
  const text = createCheckSource();
  const host = ts.createCompilerHost(OPTIONS);
  // Declaration files carry no types in JSDoc; skipping it halves the time to parse them.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    fileName === CHECK_FILE ? ts.createSourceFile(fileName, text, languageVersion, true) : getSourceFile(fileName, languageVersion, ...rest);
  host.fileExists = (fileName) => fileName === CHECK_FILE || fileExists(fileName);
  host.readFile = (fileName) => (fileName === CHECK_FILE ? text : readFile(fileName));
  const program = ts.createProgram([CHECK_FILE], OPTIONS, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(CHECK_FILE);
  if (!file) throw new Error('the check file was not loaded');
  const types = new Map<string, ts.Type>();
  const nodes = new Map<string, ts.Node>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      types.set(declaration.name.text, checker.getTypeAtLocation(declaration.name));
      nodes.set(declaration.name.text, declaration.name);
    }
  }
  checked = { program, checker, file, types, nodes, elapsedMs: Date.now() - started };
  return checked;
}

function isUnresolved(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
}

type Thenable = 'yes' | 'no' | 'maybe';

/** Whether a value of `type` has a callable `then`: yes, no, or maybe (any, unknown, unconstrained). */
function getThenable(checker: ts.TypeChecker, type: ts.Type): Thenable {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'maybe';
  if (type.flags & ts.TypeFlags.TypeParameter) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint && constraint !== type ? getThenable(checker, constraint) : 'maybe';
  }
  if (type.isUnion()) {
    const answers = new Set(type.types.map((member) => getThenable(checker, member)));
    return answers.size === 1 ? ([...answers][0] ?? 'maybe') : 'maybe';
  }
  const apparent = checker.getApparentType(type);
  const then = checker.getPropertyOfType(apparent, 'then');
  if (then) {
    const thenType = checker.getNonNullableType(checker.getTypeOfSymbol(then));
    if (thenType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'maybe';
    return thenType.getCallSignatures().length > 0 ? 'yes' : 'no';
  }
  const index = checker.getIndexInfoOfType(apparent, ts.IndexKind.String);
  if (index && getThenableMember(checker, index.type) !== 'no') return 'maybe';
  return 'no';
}

/** Whether a member typed `type` (from an index signature) could be a callable `then`. */
function getThenableMember(checker: ts.TypeChecker, type: ts.Type): Thenable {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'maybe';
  if (type.isUnion()) return type.types.some((member) => getThenableMember(checker, member) !== 'no') ? 'maybe' : 'no';
  return checker.getApparentType(type).getCallSignatures().length > 0 ? 'maybe' : 'no';
}

/** `getThenable` for a value of SDK type `typeName`: an open type that declares no `then` has none. */
function getSdkThenable(checker: ts.TypeChecker, type: ts.Type, typeName: string): Thenable {
  const thenable = getThenable(checker, type);
  const open = thenable === 'maybe' && OPEN_TYPES.has(typeName) && !checker.getPropertyOfType(type, 'then');
  return open ? 'no' : thenable;
}

/** A callback overload: the last parameter is a function (or `Function`). */
function isCallbackSignature(checker: ts.TypeChecker, signature: ts.Signature): boolean {
  const last = signature.parameters[signature.parameters.length - 1];
  if (!last) return false;
  const declaration = last.valueDeclaration;
  if (declaration && ts.isParameter(declaration) && declaration.dotDotDotToken) return false;
  const type = checker.getNonNullableType(checker.getTypeOfSymbol(last));
  const members = type.isUnion() ? type.types : [type];
  return members.every((member) => member.getCallSignatures().length > 0 || checker.typeToString(member) === 'Function');
}

function isVoidLike(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(isVoidLike);
  return (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0;
}

function describeSignature(checker: ts.TypeChecker, signature: ts.Signature): string {
  return checker.signatureToString(signature).slice(0, 240);
}

function getTypeOf(name: string): ts.Type | undefined {
  const variable = typeVariable.get(name);
  return variable === undefined ? undefined : getChecked().types.get(variable);
}

/**
 * `returned` is a `target`: assignable to it, or, for a generic method (`withConverter<U>()`), an
 * instantiation of the same declared class or interface.
 */
function isInstanceOf(checker: ts.TypeChecker, returned: ts.Type, target: ts.Type, signature: ts.Signature): boolean {
  if (checker.isTypeAssignableTo(returned, target)) return true;
  const symbol = returned.getSymbol();
  return signature.getTypeParameters() !== undefined && symbol !== undefined && symbol === target.getSymbol();
}

/** Problems with `signatures` (already filtered) giving `result`; empty when the table is right. */
function checkResult(signatures: readonly ts.Signature[], result: SdkResult): string[] {
  const { checker } = getChecked();
  if (signatures.length === 0) return ['no signature to check'];
  const problems: string[] = [];
  for (const signature of signatures) {
    const returned = checker.getReturnTypeOfSignature(signature);
    problems.push(...checkValue(returned, result, describeSignature(checker, signature), signature));
  }
  return problems;
}

/** The element type of an array type, or undefined when `type` is not an array. */
function getElementType(checker: ts.TypeChecker, type: ts.Type): ts.Type | undefined {
  if (!checker.isArrayType(type)) return undefined;
  return checker.getTypeArguments(type as ts.TypeReference)[0];
}

/** An object of SDK type `target`: `type` is one (assignable, or the same generic class) with `then` as wanted. */
function checkInstance(type: ts.Type, target: string, wanted: Thenable, shown: string, signature?: ts.Signature): string[] {
  const { checker } = getChecked();
  const targetType = getTypeOf(target);
  if (!targetType) return [`no SDK type ${target}`];
  const problems: string[] = [];
  const assignable = signature ? isInstanceOf(checker, type, targetType, signature) : checker.isTypeAssignableTo(type, targetType);
  if (!assignable) problems.push(`not assignable to ${target}: ${shown}`);
  const actual = getSdkThenable(checker, type, target);
  if (actual !== wanted) problems.push(`then is ${actual}, expected ${wanted}: ${shown}`);
  return problems;
}

/** Problems with a value of type `type` (a return value, a property) being what `result` says. */
function checkValue(type: ts.Type, result: SdkResult, shown: string, signature?: ts.Signature): string[] {
  const { checker } = getChecked();
  const thenable = getThenable(checker, type);
  if (result === 'promise') return thenable === 'yes' ? [] : [`not a promise (then: ${thenable}): ${shown}`];
  if (result === 'not-promise') return thenable === 'no' ? [] : [`may be a promise (then: ${thenable}): ${shown}`];
  if ('type' in result) return checkInstance(type, result.type, 'no', shown, signature);
  if ('thenable' in result) return checkInstance(type, result.thenable, 'yes', shown, signature);
  if ('resolves' in result) {
    if (thenable !== 'yes') return [`not a promise (then: ${thenable}): ${shown}`];
    const awaited = checker.getAwaitedType(type);
    if (!awaited) return [`no awaited type: ${shown}`];
    return checkInstance(awaited, result.resolves, 'no', `awaited ${checker.typeToString(awaited)}`);
  }
  const element = getElementType(checker, checker.getNonNullableType(type));
  if (!element) return [`not an array: ${shown}`];
  return checkInstance(element, result.array, 'no', `element ${checker.typeToString(element)}`);
}

/**
 * `parameter`: every signature that takes a function passes an object of that SDK type as the
 * function's first argument (the declared parameter type is assignable to it).
 */
function checkParameter(signatures: readonly ts.Signature[], target: string): string[] {
  const { checker, nodes } = getChecked();
  const problems: string[] = [];
  let checkedOne = false;
  for (const signature of signatures) {
    for (const parameter of signature.parameters) {
      const location = parameter.valueDeclaration ?? [...nodes.values()][0]!;
      const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(parameter, location));
      const callback = type.getCallSignatures()[0];
      if (!callback) continue;
      const first = callback.parameters[0];
      if (!first) break;
      checkedOne = true;
      const firstType = checker.getTypeOfSymbolAtLocation(first, first.valueDeclaration ?? location);
      problems.push(...checkInstance(firstType, target, 'no', `callback parameter of ${describeSignature(checker, signature)}`));
      break;
    }
  }
  return checkedOne ? problems : ['no function parameter'];
}

function toMethod(entry: SdkResult | SdkMethod): SdkMethod {
  return typeof entry === 'object' && 'returns' in entry ? entry : { returns: entry };
}

function checkSignatures(signatures: readonly ts.Signature[], method: SdkMethod): string[] {
  const { checker } = getChecked();
  const parameterProblems = method.parameter ? checkParameter(signatures, method.parameter) : [];
  if (!method.callback) return [...checkResult(signatures, method.returns), ...parameterProblems];
  const callbacks = signatures.filter((signature) => isCallbackSignature(checker, signature));
  const others = signatures.filter((signature) => !isCallbackSignature(checker, signature));
  const problems = checkResult(others, method.returns);
  if (callbacks.length === 0) problems.push('no callback overload');
  for (const signature of callbacks) {
    if (!isVoidLike(checker.getReturnTypeOfSignature(signature))) {
      problems.push(`callback overload returns a value: ${describeSignature(checker, signature)}`);
    }
  }
  return problems;
}

function checkMember(typeName: string, member: string, kind: 'method' | 'property'): string[] {
  const { checker, nodes } = getChecked();
  const type = getTypeOf(typeName);
  const node = nodes.get(typeVariable.get(typeName) ?? '');
  const entry = getSdkType(typeName);
  if (!type || !node || !entry) return [`no SDK type ${typeName}`];
  if (isUnresolved(type)) return [`${entry.declaration} does not resolve`];
  const symbol = checker.getPropertyOfType(type, member);
  if (!symbol) return [`${entry.declaration} has no member ${member}`];
  const memberType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(symbol, node));
  const runtime = RUNTIME_DATA.get(`${typeName}.${member}`);
  if (kind === 'property') {
    const result = getSdkProperty(entry, member);
    if (result === undefined) return ['not in the table'];
    if (runtime && result === 'not-promise') return checkRuntimeData(memberType, runtime.declared);
    return checkValue(memberType, result, `${typeName}.${member}: ${checker.typeToString(memberType)}`);
  }
  const result = own(entry.methods, member);
  if (result === undefined) return ['not in the table'];
  const signatures = memberType.getCallSignatures();
  if (signatures.length === 0) return [`${member} is not callable`];
  if (runtime && result === 'not-promise') {
    return signatures.flatMap((signature) => checkRuntimeData(checker.getReturnTypeOfSignature(signature), runtime.declared));
  }
  return checkSignatures(signatures, toMethod(result));
}

/** A member listed in RUNTIME_DATA still has the open type it was listed for. */
function checkRuntimeData(type: ts.Type, declared: string): string[] {
  const shown = getChecked().checker.typeToString(type);
  return shown === declared ? [] : [`declared as ${shown}, listed in RUNTIME_DATA as ${declared}: look again`];
}

function checkType(typeName: string): string[] {
  const type = getTypeOf(typeName);
  const entry = getSdkType(typeName);
  if (!type || !entry) return [`no SDK type ${typeName}`];
  if (isUnresolved(type)) return [`${entry.declaration} does not resolve`];
  const problems: string[] = [];
  if (entry.call !== undefined) {
    problems.push(...checkResult(type.getCallSignatures(), entry.call).map((p) => `call: ${p}`));
  }
  if (entry.construct !== undefined) {
    problems.push(...checkResult(type.getConstructSignatures(), entry.construct).map((p) => `new: ${p}`));
  }
  return problems;
}

function checkModule(moduleName: string): string[] {
  const { checker, types } = getChecked();
  const typeName = getSdkModuleTypeName(moduleName);
  const namespace = types.get(moduleVariable.get(moduleName) ?? '');
  const target = typeName === undefined ? undefined : getTypeOf(typeName);
  if (!namespace || isUnresolved(namespace)) return [`${moduleName} does not resolve`];
  if (typeName === undefined || !target) return [`no SDK type ${typeName}`];
  if (checker.isTypeAssignableTo(namespace, target)) return [];
  return [`typeof import('${moduleName}') is not assignable to ${typeName}`];
}

function getReferencedTypes(): Array<[string, string]> {
  const references: Array<[string, string]> = [];
  const add = (from: string, result: SdkResult | SdkMethod | undefined): void => {
    if (result === undefined) return;
    const method = typeof result === 'object' && 'returns' in result ? result : { returns: result };
    const returns = method.returns;
    if (typeof returns === 'object') references.push([from, Object.values(returns)[0]!]);
    if (method.parameter) references.push([`${from} parameter`, method.parameter]);
  };
  for (const [name, entry] of Object.entries(SDK_TYPES)) {
    add(`${name}()`, entry.call);
    add(`new ${name}()`, entry.construct);
    for (const [member, result] of Object.entries(entry.methods ?? {})) add(`${name}.${member}()`, result);
    for (const [member, target] of Object.entries({ ...entry.properties, ...entry.arrays, ...entry.types })) {
      references.push([`${name}.${member}`, target]);
    }
  }
  for (const [module, target] of Object.entries(SDK_MODULES)) references.push([`module ${module}`, target]);
  return references;
}

const methodRows = typeNames.flatMap((name) => Object.keys(getSdkType(name)?.methods ?? {}).map((m) => [name, m] as const));
const propertyRows = typeNames.flatMap((name) => {
  const entry = getSdkType(name);
  return [...Object.keys(entry?.properties ?? {}), ...Object.keys(entry?.arrays ?? {}), ...(entry?.data ?? [])].map((m) => [name, m] as const);
});
/** Types a module exports by name, for annotations: [SDK type of the module, exported type name]. */
const exportedTypeRows = typeNames.flatMap((name) => Object.keys(getSdkType(name)?.types ?? {}).map((m) => [name, m] as const));
/**
 * Each module or namespace type's declaration is `typeof import('pkg')` or `typeof import('pkg').ns`:
 * the exported type is `import('pkg').Name` or `import('pkg').ns.Name`.
 */
function getExportedTypeDeclaration(typeName: string, member: string): string {
  const declaration = getSdkType(typeName)?.declaration ?? '';
  const module = /^typeof (import\('[^']+'\)(?:\.[A-Za-z_$][\w$]*)*)$/.exec(declaration);
  if (!module) throw new Error(`${typeName}: types need a declaration of the form typeof import('pkg') or typeof import('pkg').ns`);
  return `${module[1]}.${member}`;
}
const exportedTypeVariable = new Map(exportedTypeRows.map(([name, member], i) => [`${name} ${member}`, `x${i}`]));

describe('SDK table against the type declarations', () => {
  let started = 0;
  beforeAll(() => {
    started = Date.now();
    console.log(
      `SDK table: ${typeNames.length} types, ${methodRows.length} methods, ${propertyRows.length} properties, ` +
        `${moduleNames.length} modules; program created in ${getChecked().elapsedMs} ms`,
    );
  }, 120_000);
  afterAll(() => {
    console.log(`SDK table: program and checks took ${Date.now() - started} ms`);
  });

  test('every declaration and module resolves without errors', () => {
    const { program, file } = getChecked();
    const messages = program.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    expect(messages).toEqual([]);
  });

  test('the table is not empty', () => {
    expect(typeNames.length).toBeGreaterThan(0);
    expect(moduleNames.length).toBeGreaterThan(0);
  });

  test('every referenced SDK type is in the table', () => {
    const missing = getReferencedTypes().filter(([, target]) => getSdkType(target) === undefined);
    expect(missing).toEqual([]);
  });

  test('no member is both a method and a property', () => {
    const both = methodRows.filter(([name, member]) => own(getSdkType(name)?.properties, member) !== undefined);
    expect(both).toEqual([]);
  });

  test.each([...OPEN_TYPES.keys()])('%s is open and declares no then', (typeName) => {
    const { checker } = getChecked();
    const type = getTypeOf(typeName);
    if (!type) throw new Error(`no SDK type ${typeName}`);
    expect(getThenable(checker, type)).toBe('maybe');
    expect(checker.getPropertyOfType(type, 'then')).toBeUndefined();
  });

  test.each(moduleNames)('module %s', (moduleName) => {
    expect(checkModule(moduleName)).toEqual([]);
  });

  test.each(typeNames)('type %s', (typeName) => {
    expect(checkType(typeName)).toEqual([]);
  });

  test.each(methodRows)('%s.%s()', (typeName, member) => {
    expect(checkMember(typeName, member, 'method')).toEqual([]);
  });

  test.each(propertyRows)('%s.%s', (typeName, member) => {
    expect(checkMember(typeName, member, 'property')).toEqual([]);
  });

  test.each(exportedTypeRows)('%s exports the type %s', (typeName, member) => {
    const type = getChecked().types.get(exportedTypeVariable.get(`${typeName} ${member}`) ?? '');
    const target = getSdkType(typeName) && getSdkExportedType(getSdkType(typeName)!, member);
    if (!type || !target) throw new Error(`no exported type ${member}`);
    expect(isUnresolved(type)).toBe(false);
    expect(checkInstance(type, target, 'no', `${typeName}.${member}`)).toEqual([]);
  });
});

describe('SDK table check classifies known shapes', () => {
  function getFixtureSignature(member: string): ts.Signature {
    const { checker, file } = getChecked();
    const statement = file.statements[0];
    const declaration = statement && ts.isVariableStatement(statement) ? statement.declarationList.declarations[0] : undefined;
    if (!declaration) throw new Error('no fixture');
    const type = checker.getTypeAtLocation(declaration.name);
    const symbol = checker.getPropertyOfType(type, member);
    const signature = symbol && checker.getTypeOfSymbolAtLocation(symbol, declaration.name).getCallSignatures()[0];
    if (!signature) throw new Error(`no fixture member ${member}`);
    return signature;
  }

  test.each([
    ['promise', 'yes'],
    ['promiseLike', 'yes'],
    ['customThenable', 'yes'],
    ['anyValue', 'maybe'],
    ['unknownValue', 'maybe'],
    ['generic', 'maybe'],
    ['constrained', 'no'],
    ['plain', 'no'],
    ['primitive', 'no'],
    ['nothing', 'no'],
    ['openAny', 'maybe'],
    ['openData', 'no'],
    ['notCallableThen', 'no'],
    ['mixed', 'maybe'],
  ] as const)('%s() is thenable: %s', (member, expected) => {
    const { checker } = getChecked();
    expect(getThenable(checker, checker.getReturnTypeOfSignature(getFixtureSignature(member)))).toBe(expected);
  });

  test.each([
    ['callback', true],
    ['optionalCallback', true],
    ['rest', false],
    ['noParameters', false],
    ['promise', false],
  ] as const)('%s() is a callback overload: %s', (member, expected) => {
    expect(isCallbackSignature(getChecked().checker, getFixtureSignature(member))).toBe(expected);
  });
});

describe('SDK table lookups', () => {
  const admin = getSdkType('firebase-admin');

  test('find own entries only', () => {
    expect(getSdkType('toString')).toBeUndefined();
    expect(getSdkModuleTypeName('constructor')).toBeUndefined();
    expect(admin && getSdkMethod(admin, 'toString')).toBeUndefined();
    expect(admin && getSdkPropertyTypeName(admin, 'hasOwnProperty')).toBeUndefined();
  });

  test('trace a module through methods and properties', () => {
    expect(getSdkModuleTypeName('node:fs/promises')).toBe('fs/promises');
    expect(admin && getSdkMethod(admin, 'initializeApp')).toEqual({ returns: { type: 'firebase-admin.App' } });
    // `admin.firestore()` is the `call` of the `firestore` property's type.
    expect(admin && getSdkMethod(admin, 'firestore')).toEqual({ returns: { type: 'firestore.Firestore' } });
    expect(admin && getSdkPropertyTypeName(admin, 'firestore')).toBe('firebase-admin.firestore');
    const topic = getSdkType('pubsub.Topic');
    expect(topic && getSdkMethod(topic, 'publishMessage')).toEqual({ returns: 'promise', callback: true });
    expect(topic && getSdkMethod(topic, 'publishMessages')).toBeUndefined();
  });
});
