/**
 * Checks the labels against the SDKs' own type declarations: the TypeScript checker's type of every
 * labelled expression, with the project's packages installed in a scratch folder (never in this
 * repository). Not a test: run it by hand after adding sites.
 *
 *   mkdir /tmp/sdk && cd /tmp/sdk && npm init -y
 *   npm i --legacy-peer-deps firebase-admin firebase-functions @google-cloud/firestore \
 *     @google-cloud/pubsub @google-cloud/storage @google-cloud/functions-framework axios nodemailer \
 *     @types/nodemailer stripe @sendgrid/mail node-fetch got express @types/express cors @types/cors \
 *     busboy @types/busboy csv-parse sharp dialogflow-fulfillment @types/dialogflow-fulfillment @types/node
 *   npx tsx test/inference/check-types.ts /tmp/sdk
 *
 * A type whose every member has a callable `then` counts as a promise, one where none has as not a
 * promise; `any`, `unknown` and mixed unions decide nothing. The checker is no oracle for JavaScript
 * (untyped parameters are `any`, an object literal's `null` property stays `null` after a later
 * assignment), so a contradiction is a label to look at again, not proof of a wrong label.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { createSourceFile } from '../../transforms/lib/source-file';
import { getParserForPath } from '../../transforms/lib/parse';
import { collectSites, findProjectFiles, type Label } from './sites';

type Verdict = 'promise' | 'not-promise' | 'any' | 'mixed';

function getVerdict(checker: ts.TypeChecker, type: ts.Type): Verdict {
  const parts = type.isUnion() ? type.types : [type];
  let promise = 0;
  let plain = 0;
  for (const part of parts) {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'any';
    const then = checker.getPropertyOfType(checker.getApparentType(part), 'then');
    if (then && checker.getTypeOfSymbol(then).getCallSignatures().length > 0) promise++;
    else plain++;
  }
  if (promise > 0 && plain > 0) return 'mixed';
  return promise > 0 ? 'promise' : 'not-promise';
}

/** The innermost node of `sourceFile` spanning exactly [start, end). */
function findNode(sourceFile: ts.SourceFile, start: number, end: number): ts.Node | null {
  let found: ts.Node | null = null;
  const visit = (node: ts.Node): void => {
    if (node.getStart(sourceFile) > start || node.end < end) return;
    if (node.getStart(sourceFile) === start && node.end === end) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function main(scratch: string): number {
  const projectRoot = path.join(__dirname, 'project');
  const copy = path.join(path.resolve(scratch), 'labelled-project');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(projectRoot, copy, { recursive: true });
  const files = findProjectFiles(copy);
  const program = ts.createProgram(files, {
    allowJs: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    skipLibCheck: true,
    strict: true,
    types: ['node'],
    typeRoots: [path.join(path.resolve(scratch), 'node_modules', '@types')],
  });
  const checker = program.getTypeChecker();
  const counts = new Map<string, number>();
  const contradictions: string[] = [];
  const eitherDecided: string[] = [];
  for (const file of files) {
    const relative = path.relative(copy, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    const { sites } = collectSites(createSourceFile(text, getParserForPath(file)), relative);
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) throw new Error(`not in the program: ${file}`);
    for (const site of sites) {
      const node = findNode(sourceFile, site.path.node.start!, site.path.node.end!);
      const verdict: Verdict | 'not found' = node ? getVerdict(checker, checker.getTypeAtLocation(node)) : 'not found';
      const key = `@${site.label} -> ${verdict}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const where = `${site.file}:${site.line}: checker says ${verdict}: ${site.text}`;
      if (isContradiction(site.label, verdict)) contradictions.push(where);
      else if (site.label === 'either' && (verdict === 'promise' || verdict === 'not-promise')) eitherDecided.push(where);
    }
  }
  for (const [key, count] of [...counts].sort()) console.log(`${key}: ${count}`);
  if (eitherDecided.length > 0) console.log(['@either sites the checker decides:', ...eitherDecided].join('\n  '));
  if (contradictions.length > 0) console.log(['contradictions:', ...contradictions].join('\n  '));
  return contradictions.length > 0 ? 1 : 0;
}

function isContradiction(label: Label, verdict: Verdict | 'not found'): boolean {
  return (label === 'promise' && verdict === 'not-promise') || (label === 'not-promise' && verdict === 'promise');
}

const scratch = process.argv[2];
if (!scratch) {
  console.error('usage: tsx test/inference/check-types.ts <folder with the SDKs in node_modules>');
  process.exitCode = 2;
} else {
  process.exitCode = main(scratch);
}
