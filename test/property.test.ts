/**
 * Property-based tests over generated handler programs: the reliability properties must hold for
 * every handler shape, not only for the shapes the fixtures happen to show.
 *
 * test/support/generate.ts writes random HTTP handlers (every recognised registration shape, arrow
 * or function, sync or async, `res`/`resp`/`response`) whose bodies mix returned promises,
 * responses, post-response work, nested callbacks, a shadowing `(err, res) =>`, `if`/`try` blocks
 * and comments, in LF or CRLF, tabs or spaces, with or without semicolons. Each property runs over
 * all transforms together and over each transform alone:
 *
 *   1. the output parses with the parser the path picks;
 *   2. a second run changes nothing;
 *   3. no `return <non-literal>` is left in the handler's own body (unless a finding is on its line);
 *   4. no statement follows a response group in a block of the handler (unless a finding names it);
 *   5. response calls never multiply: at most one added per rewritten return, and no path through
 *      the handler sends more responses than before (or more than one where there was none);
 *   6. the same bodies in a function that is no HTTP handler come out byte-identical;
 *   7. with await-floating and respond-last, no promise is left floating in the handler's own body
 *      (a global `fetch(...)`, an async `forEach` callback over an array) without a finding;
 *   8. with end-handler: every path of the handler's own body that ends normally responds (or
 *      hands the response off), unless end-handler reported a finding.
 *
 * The checks (test/support/properties.ts) read input and output with Babel directly, not through
 * transforms/lib, so a bug in the shared matchers cannot hide itself. Seed and run count are fixed:
 * the suite is deterministic.
 * A failing run prints the seed, the shrunk program and the output.
 */
import fc from 'fast-check';
import { TRANSFORM_NAMES } from '../transforms';
import { handlerFreeProgramArb, handlerProgramArb, type Program } from './support/generate';
import {
  checkIdempotent,
  checkNoFloatingPromise,
  checkNoPromiseReturn,
  checkNothingAfterResponse,
  checkEveryPathResponds,
  checkParses,
  checkResponsesDoNotMultiply,
  fail,
  show,
  transform,
} from './support/properties';

// Override locally to explore (PROPERTY_SEED=1 PROPERTY_RUNS=2000 npx jest test/property.test.ts); CI uses the defaults.
const SEED = Number(process.env.PROPERTY_SEED ?? 20251124);
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 250);
const PARAMS: fc.Parameters<[Program]> = { seed: SEED, numRuns: NUM_RUNS };

// Print generated programs as source text in counterexamples.
function printable(arb: fc.Arbitrary<Program>): fc.Arbitrary<Program> {
  return arb.map((p) =>
    Object.assign(p, {
      [fc.toStringMethod]: () => `\n/* ${p.path} (${p.registration}) */\n${show(p.source)}`,
    }),
  );
}
const programs = printable(handlerProgramArb);
const handlerFreePrograms = printable(handlerFreeProgramArb);

const SELECTIONS: readonly (readonly [string, readonly string[] | undefined])[] = [
  ['all transforms', undefined],
  ...TRANSFORM_NAMES.map((name) => [name, [name]] as const),
];

const includes = (transforms: readonly string[] | undefined, name: string) => !transforms || transforms.includes(name);

describe.each(SELECTIONS)('generated handlers, %s', (_label, transforms) => {
  test('(1) the output parses with the same parser', () => {
    fc.assert(
      fc.property(programs, (program) => {
        checkParses(program, transform(program, transforms));
      }),
      PARAMS,
    );
  });

  test('(2) a second run changes nothing', () => {
    fc.assert(
      fc.property(programs, (program) => {
        checkIdempotent(program, transforms, transform(program, transforms));
      }),
      PARAMS,
    );
  });

  if (includes(transforms, 'await-then-send')) {
    test('(3) no handler-level return of a promise is left without a finding', () => {
      fc.assert(
        fc.property(programs, (program) => {
          checkNoPromiseReturn(program, transform(program, transforms));
        }),
        PARAMS,
      );
    });
  }

  if (includes(transforms, 'respond-last')) {
    test('(4) no statement follows a response group without a finding', () => {
      fc.assert(
        fc.property(programs, (program) => {
          checkNothingAfterResponse(program, transform(program, transforms));
        }),
        PARAMS,
      );
    });
  }

  if (includes(transforms, 'await-floating') && includes(transforms, 'respond-last')) {
    test('(7) no promise is left floating in the handler without a finding', () => {
      fc.assert(
        fc.property(programs, (program) => {
          checkNoFloatingPromise(program, transform(program, transforms));
        }),
        PARAMS,
      );
    });
  }

  test('(5) response calls never multiply', () => {
    fc.assert(
      fc.property(programs, (program) => {
        checkResponsesDoNotMultiply(program, transform(program, transforms));
      }),
      PARAMS,
    );
  });

  if (includes(transforms, 'end-handler')) {
    test('(8) every path that ends normally responds, or end-handler reports it', () => {
      fc.assert(
        fc.property(programs, (program) => {
          checkEveryPathResponds(program, transform(program, transforms));
        }),
        PARAMS,
      );
    });
  }

  test('(6) the same bodies outside an HTTP handler come out byte-identical', () => {
    fc.assert(
      fc.property(handlerFreePrograms, (program) => {
        const result = transform(program, transforms);
        if (result.output !== program.source || result.changed) fail('(6) a function that is no HTTP handler was changed', program, result);
        if (result.findings.length > 0) fail('(6) findings reported for a function that is no HTTP handler', program, result);
      }),
      PARAMS,
    );
  });
});
