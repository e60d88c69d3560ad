/** How labelled lines name their site: the expression rules, and the lines that name none or several. */
import { createSourceFile } from '../../transforms/lib/source-file';
import { collectSites } from './sites';

function collect(source: string): { sites: string[]; problems: string[] } {
  const found = collectSites(createSourceFile(source, 'babel'), 'a.js');
  return {
    sites: found.sites.map((s) => `${s.line} ${s.label}: ${s.text}`),
    problems: found.problems.map((p) => `${p.line}: ${p.message}`),
  };
}

describe('collectSites', () => {
  test.each<[string, string, string[]]>([
    ['expression statement', `f(); // @promise`, ['1 promise: f()']],
    ['leading await removed', `await f(); // @promise`, ['1 promise: f()']],
    ['leading void removed', `void f(); // @promise`, ['1 promise: f()']],
    ['return argument', `async function g() {\n  return await f(); // @not-promise\n}`, ['2 not-promise: f()']],
    ['declaration init', `const { a } = await f(x); // @either -- why`, ['1 either: f(x)']],
    ['assignment kept whole', `x = await f(); // @not-promise`, ['1 not-promise: x = await f()']],
    ['init on the next line', `const a =\n  f(); // @promise`, ['2 promise: f()']],
    ['multi-line chain on its first line', `await db // @promise\n  .collection('c')\n  .get();`, [`1 promise: db // @promise .collection('c') .get()`]],
    ['unlabelled lines ignored', `f();\ng(); // @promise\nh(); // promise, not a label`, ['2 promise: g()']],
  ])('%s', (...[, source, expected]) => {
    const found = collect(source);
    expect(found.problems).toEqual([]);
    expect(found.sites).toEqual(expected);
  });

  test('sites in a handler body are told from sites in functions nested in it', () => {
    const source = [
      `const functions = require('firebase-functions/v1');`,
      `exports.a = functions.https.onRequest(async (req, res) => {`,
      `  await load(); // @promise`,
      `  items.forEach((item) => {`,
      `    save(item); // @either`,
      `  });`,
      `});`,
      `helper(); // @either`,
    ].join('\n');
    const found = collectSites(createSourceFile(source, 'babel'), 'a.js');
    expect(found.sites.map((s) => `${s.line} ${s.inHandlerBody}`)).toEqual(['3 true', '5 false', '8 false']);
  });

  test.each<[string, string, string[]]>([
    ['no site on the line', `if (f()) { // @promise\n}`, ['1: no labelled expression starts on this line']],
    ['two declarators', `const a = f(), b = g(); // @promise`, ['1: no labelled expression starts on this line']],
    ['two sites on the line', `xs.forEach(async (x) => { await save(x); }); // @not-promise`, ['1: 2 labelled expressions start on this line']],
    ['a label that is not one', `f(); // @promised`, ['1: not a label: // @promised']],
    ['a label on a line of its own', `// @promise\nf();`, ['1: no labelled expression starts on this line']],
  ])('%s', (...[, source, expected]) => {
    expect(collect(source).problems).toEqual(expected);
  });
});
