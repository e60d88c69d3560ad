/** Moving statements by text: whole lines with comments and blank lines, inline, CRLF, re-indenting. */
import { applyEdits } from '../../../../transforms/lib/edit/edits';
import { getLeadingCommentsStart, getMoveBeforeEdits, getStatementRemovalEdits } from '../../../../transforms/lib/edit/move';
import { parseSource } from '../../../../transforms/lib/parse';

/**
 * Move, in `source`, the statements between the markers `<<` and `>>` before the ones between `[[`
 * and `]]` (markers are removed first; offsets refer to the cleaned text).
 */
function move(marked: string, protectedRanges: { start: number; end: number }[] = []): string | null {
  const positions: Record<string, number> = {};
  let source = '';
  for (let i = 0; i < marked.length; ) {
    const mark = marked.slice(i, i + 2);
    if (mark === '[[' || mark === ']]' || mark === '<<' || mark === '>>') {
      positions[mark] = source.length;
      i += 2;
    } else {
      source += marked[i];
      i += 1;
    }
  }
  const comments = (parseSource(source, 'babel').comments ?? []).map((c) => ({ start: c.start!, end: c.end! }));
  const edits = getMoveBeforeEdits({
    source,
    comments,
    target: { start: positions['[[']!, end: positions[']]']! },
    moved: { start: positions['<<']!, end: positions['>>']! },
    protectedRanges,
  });
  return edits ? applyEdits(source, edits) : null;
}

describe('getMoveBeforeEdits', () => {
  test.each<[string, string, string]>([
    ['whole lines', `{\n  [[send();]]\n  <<log();>>\n}\n`, `{\n  log();\n  send();\n}\n`],
    ['comments above the moved code move along', `{\n  [[send();]]\n  // why\n  <<log();>> // note\n}\n`, `{\n  // why\n  log(); // note\n  send();\n}\n`],
    [
      'comments above the target stay with it',
      `{\n  a();\n  // respond\n  [[send();]]\n  <<log();>>\n}\n`,
      `{\n  a();\n  log();\n  // respond\n  send();\n}\n`,
    ],
    [
      'a blank line between target and work ends up between work and target',
      `{\n  [[send();]]\n\n  <<a();\n\n  b();>>\n}\n`,
      `{\n  a();\n\n  b();\n\n  send();\n}\n`,
    ],
    ['a trailing comment on the target stays', `{\n  [[send();]] // done\n  <<log();>>\n}\n`, `{\n  log();\n  send(); // done\n}\n`],
    ['CRLF', `{\r\n\t[[send()]]\r\n\t<<log()>>\r\n}\r\n`, `{\r\n\tlog()\r\n\tsend()\r\n}\r\n`],
    ['inline', `{ [[send();]] <<log();>> }`, `{ log(); send(); }`],
    ['moved code ends its line with a brace', `{\n  [[send()]]\n  <<log()>> }\n`, `{\n  log()\n  send() }\n`],
    ['group of several lines', `{\n  [[res\n    .status(201)\n    .json(x);]]\n  <<log();>>\n}\n`, `{\n  log();\n  res\n    .status(201)\n    .json(x);\n}\n`],
    ['re-indents moved lines to the target', `{\n  [[send();]]\n    <<log(1,\n      2);>>\n}\n`, `{\n  log(1,\n    2);\n  send();\n}\n`],
    ['moved code at the end of the text', `  [[send();]]\n  <<log();>>`, `  log();\n  send();`],
  ])('%s', (_name, marked, expected) => {
    expect(move(marked)).toBe(expected);
  });

  test('protected ranges (template literals) are not re-indented', () => {
    const marked = `{\n  [[send();]]\n    <<log(\`a\n    b\`);>>\n}\n`;
    const start = marked.replace(/\[\[|\]\]|<<|>>/g, '').indexOf('`');
    expect(move(marked, [{ start, end: start + 9 }])).toBe(`{\n  log(\`a\n    b\`);\n  send();\n}\n`);
  });

  test('a comment between target and work on one line: not moved', () => {
    expect(move(`{ [[send();]] /* c */ <<log();>> }`)).toBeNull();
  });
});

describe('getLeadingCommentsStart', () => {
  test.each<[string, string, string]>([
    ['own-line comments directly above', `a();\n// one\n/* two */\nsend();`, '// one'],
    ['a blank line detaches', `a();\n// one\n\nsend();`, 'send();'],
    ['a trailing comment of the previous statement is not leading', `a(); // one\nsend();`, 'send();'],
    ['multi-line block comment', `a();\n/**\n * doc\n */\nsend();`, '/**'],
  ])('%s', (_name, source, expected) => {
    const comments = (parseSource(source, 'babel').comments ?? []).map((c) => ({ start: c.start!, end: c.end! }));
    const start = getLeadingCommentsStart(source, comments, source.indexOf('send();'));
    expect(source.slice(start, start + expected.length)).toBe(expected);
  });
});

describe('getStatementRemovalEdits', () => {
  /** Remove the statement `res.end();` (the last one in the text) that follows `res.send(x);`. */
  function remove(source: string): string | null {
    const previous = { start: source.indexOf('res.send'), end: source.indexOf('res.send') + 'res.send(x);'.length };
    const start = source.lastIndexOf('res.end()');
    const end = start + (source[start + 9] === ';' ? 10 : 9);
    const edits = getStatementRemovalEdits(source, previous, { start, end });
    return edits ? applyEdits(source, edits) : null;
  }
  test.each<[string, string, string | null]>([
    ['own line', `{\n  res.send(x);\n  res.end();\n}\n`, `{\n  res.send(x);\n}\n`],
    ['CRLF', `{\r\n  res.send(x);\r\n  res.end();\r\n}\r\n`, `{\r\n  res.send(x);\r\n}\r\n`],
    ['same line', `{ res.send(x); res.end(); }`, `{ res.send(x); }`],
    ['no semicolon', `{\n\tres.send(x);\n\tres.end()\n}\n`, `{\n\tres.send(x);\n}\n`],
    ['code after it on the line', `{\n  res.send(x);\n  res.end(); }\n`, `{\n  res.send(x); }\n`],
    ['trailing comment keeps it', `{\n  res.send(x);\n  res.end(); // flush\n}\n`, null],
    ['comment between keeps it', `{\n  res.send(x);\n  // flush\n  res.end();\n}\n`, null],
  ])('%s', (_name, source, expected) => {
    expect(remove(source)).toBe(expected);
  });
});
