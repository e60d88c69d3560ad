/**
 * The `--respond` template: one parse decides whether it is usable and gives what rendering needs,
 * so an accepted template always responds, and a rejected one says why.
 */
import { parseRespondTemplate, renderResponse, validateRespondTemplate } from '../../../../transforms/lib/edit/respond-template';

const EXAMPLES = '"res.sendStatus(204)", "res.status(204).end()" or "res.json({ ok: true })"';
const notAResponse = (template: string) => `--respond "${template}" must call a method of the response "res", such as ${EXAMPLES}`;

describe('accepted: a single call chain on res that ends the response', () => {
  test.each([
    ['res.sendStatus(204)', 'response', 'response.sendStatus(204)', ['sendStatus']],
    ['res.status(204).end()', 'resp', 'resp.status(204).end()', ['status', 'end']],
    ['res.json({ ok: true })', 'res', 'res.json({ ok: true })', ['json']],
    ['  res.status(202).send("queued");  ', 'out', 'out.status(202).send("queued")', ['status', 'send']],
    ['res.set("Cache-Control", "no-store").sendStatus(200)', 'r', 'r.set("Cache-Control", "no-store").sendStatus(200)', ['set', 'sendStatus']],
    ['res.writeHead(204).end()', 'response', 'response.writeHead(204).end()', ['writeHead', 'end']],
    // Arguments may use the response too; property names and object keys are not renamed.
    ['res.json({ res: res.locals.res, ok: true })', 'response', 'response.json({ res: response.locals.res, ok: true })', ['json']],
    ['res.json({ res })', 'response', 'response.json({ res: response })', ['json']],
  ])('%s as %s', (template, resName, rendered, chain) => {
    const parsed = parseRespondTemplate(template);
    expect(parsed.error).toBeUndefined();
    expect(parsed.template?.chain).toEqual(chain);
    expect(validateRespondTemplate(template)).toBeNull();
    expect(renderResponse(parsed.template!, resName)).toBe(rendered);
  });
});

describe('rejected, with the reason', () => {
  test.each([
    // Not a call of a method of the response: nothing would be sent.
    ["console.log('res')", notAResponse("console.log('res')")],
    ['res', notAResponse('res')],
    ['foo(res)', notAResponse('foo(res)')],
    ['res.headersSent', notAResponse('res.headersSent')],
    ['reply.end()', notAResponse('reply.end()')],
    ['res.locals.send()', notAResponse('res.locals.send()')],
    ['res?.end()', notAResponse('res?.end()')],
    ["res['end']()", notAResponse("res['end']()")],
    ['void res.end()', notAResponse('void res.end()')],
    ['res.end() || res.send()', notAResponse('res.end() || res.send()')],
    // A chain that does not end the response leaves the request hanging.
    [
      'res.status(204)',
      '--respond "res.status(204)" must end the response: its last call, status(), sends nothing; end with send, json, jsonp, end, sendStatus, sendFile, download, redirect or render, such as "res.status(204).end()"',
    ],
    // One expression statement.
    ['res.status(204); res.end()', '--respond "res.status(204); res.end()" must be a single expression statement, such as "res.status(204).end()"'],
    ['if (ok) res.end()', '--respond "if (ok) res.end()" must be a single expression statement, such as "res.status(204).end()"'],
    ['"use strict"', '--respond ""use strict"" must be a single expression statement, such as "res.status(204).end()"'],
    // Syntax errors, and syntax a JavaScript file would not accept.
    ['res.send(', '--respond "res.send(" does not parse as a statement: Unexpected token'],
    [
      'await res.end()',
      '--respond "await res.end()" does not parse as a statement: \'await\' is only allowed within async functions and at the top levels of modules.',
    ],
    ['res.json(body as Payload)', '--respond "res.json(body as Payload)" does not parse as a statement: Unexpected token, expected ","'],
  ])('%s', (template, message) => {
    expect(parseRespondTemplate(template)).toEqual({ error: message });
    expect(validateRespondTemplate(template)).toBe(message);
  });
});
