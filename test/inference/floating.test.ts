/**
 * Every statement of the labelled project that floats a promise (`@promise`, an expression
 * statement in an HTTP handler's own body, not awaited) ends awaited after all transforms ran, or
 * has a finding on its line: no promise is left floating in a handler silently. Two kinds are
 * left alone on purpose and skipped here: a chain that already responds on both paths
 * (`.then(send).catch(sendError)`), and a promise in a handler whose response something else
 * holds (an SDK object built with it, a listener), which answers for the request.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyTransforms, createModuleLoader } from '../../transforms';
import { getOwnership } from '../../transforms/lib/ownership';
import { LineIndex } from '../../transforms/lib/edit/text';
import { collectSites, findProjectFiles, type LabelledSite } from './sites';

const PROJECT = path.join(__dirname, 'project');

function floatingSites(): Map<string, LabelledSite[]> {
  const loader = createModuleLoader();
  const byFile = new Map<string, LabelledSite[]>();
  for (const absolute of findProjectFiles(PROJECT)) {
    const source = loader.load(absolute, `./${path.basename(absolute)}`);
    if (!source) continue;
    for (const site of collectSites(source, absolute).sites) {
      if (site.label !== 'promise' || !site.inHandlerBody) continue;
      const statement = site.path.parentPath;
      if (!statement?.isExpressionStatement() || statement.node.expression !== site.path.node) continue;
      const node = site.path.node;
      const handler = source.handlers
        .filter((h) => h.path.node.start! <= node.start! && node.end! <= h.path.node.end!)
        .sort((a, b) => b.path.node.start! - a.path.node.start!)[0];
      if (!handler) continue;
      const resName = handler.res.identifier.name;
      if (respondsOnBothPaths(site.text, resName)) continue;
      if (getOwnership(handler, source).handedOff && !site.text.includes(`${resName}.`)) continue;
      byFile.set(absolute, [...(byFile.get(absolute) ?? []), site]);
    }
  }
  return byFile;
}

/** A chain whose last call is `.catch(...)` or `.finally(...)` with a callback that responds or passes the error on. */
function respondsOnBothPaths(text: string, resName: string): boolean {
  const last = Math.max(text.lastIndexOf('.catch('), text.lastIndexOf('.finally('));
  if (last === -1) return false;
  const tail = text.slice(last);
  return tail.includes(`${resName}.`) || /\bnext\b/.test(tail);
}

const sites = floatingSites();

test('the project has floating promise statements in handlers to check', () => {
  expect([...sites.values()].flat().length).toBeGreaterThanOrEqual(10);
});

test.each([...sites.keys()].map((file) => [path.relative(PROJECT, file), file] as const))(
  '%s: every floating promise ends awaited or reported',
  (_name, file) => {
    const source = fs.readFileSync(file, 'utf8');
    const modules = createModuleLoader();
    const result = applyTransforms(source, { path: file, modules });
    // Run again on the output: nothing changes, and the findings are in the output's positions.
    const again = applyTransforms(result.output, { path: file, modules });
    expect(again.output).toBe(result.output);
    const lines = new LineIndex(result.output);
    const silent: string[] = [];
    for (const site of sites.get(file)!) {
      const text = source.slice(site.path.node.start!, site.path.node.end!);
      const forms = [text, text.replace(/\.forEach\(/, '.map(')];
      const found = new Set<number>();
      for (const form of forms) {
        for (let at = result.output.indexOf(form); at !== -1; at = result.output.indexOf(form, at + 1)) found.add(at);
      }
      if (found.size === 0) {
        silent.push(`${site.file}:${site.line}: \`${site.text}\` is not in the output`);
        continue;
      }
      for (const at of found) {
        const before = result.output.slice(Math.max(0, at - 20), at);
        if (/await\s+(Promise\.all\()?$/.test(before)) continue;
        const { line } = lines.getPosition(at);
        if (again.findings.some((f) => f.line <= line && line <= f.endLine)) continue;
        silent.push(`${site.file}:${site.line}: \`${site.text}\` is left floating without a finding`);
      }
    }
    expect(silent).toEqual([]);
  },
);
