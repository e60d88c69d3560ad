/**
 * The promise inference measured on a functions project with labelled call sites (`project/`):
 * never a wrong verdict, and how many sites it still answers `unknown` for.
 */
import * as path from 'node:path';
import { createModuleLoader } from '../../transforms/lib/local-modules';
import { getPromiseKind, type PromiseKind } from '../../transforms/lib/promises';
import { collectSites, findProjectFiles, type Label, type LabelledSite, type SiteProblem } from './sites';

/** The largest share of `@promise`/`@not-promise` sites the inference may answer `unknown` for. */
export const MAX_UNKNOWN_SHARE = 0.1;
/** The set stays large enough to measure: this many sites labelled `@promise` or `@not-promise`, at least. */
export const MIN_DECIDED_SITES = 300;

const PROJECT = path.join(__dirname, 'project');

interface Verdict {
  site: LabelledSite;
  kind: PromiseKind;
  /** What the inference threw, when it threw (counted as `unknown`). */
  error?: string;
}

function load(): { sites: LabelledSite[]; problems: SiteProblem[] } {
  const loader = createModuleLoader();
  const sites: LabelledSite[] = [];
  const problems: SiteProblem[] = [];
  for (const absolute of findProjectFiles(PROJECT)) {
    const file = path.relative(PROJECT, absolute).split(path.sep).join('/');
    // Loading a file through the loader shares its parse with every module that imports it.
    const source = loader.load(absolute, `./${path.basename(absolute)}`);
    if (!source) {
      problems.push({ file, line: 0, message: 'does not parse' });
      continue;
    }
    const found = collectSites(source, file);
    sites.push(...found.sites);
    problems.push(...found.problems);
  }
  return { sites, problems };
}

function isWrong(label: Label, kind: PromiseKind): boolean {
  return (label === 'promise' && kind === 'not-promise') || (label === 'not-promise' && kind === 'promise');
}

function describeSite(site: LabelledSite): string {
  return `${site.file}:${site.line}`;
}

function summarize(verdicts: readonly Verdict[]): string {
  const labels: Label[] = ['promise', 'not-promise', 'either'];
  const kinds: PromiseKind[] = ['promise', 'not-promise', 'unknown'];
  const rows = labels.map((label) => {
    const of = verdicts.filter((v) => v.site.label === label);
    const counts = kinds.map((kind) => `${kind} ${of.filter((v) => v.kind === kind).length}`).join(', ');
    return `  @${label}: ${of.length} sites -> ${counts}`;
  });
  const decided = verdicts.filter((v) => v.site.label !== 'either');
  const unknown = decided.filter((v) => v.kind === 'unknown').length;
  const wrong = verdicts.filter((v) => isWrong(v.site.label, v.kind)).length;
  const share = decided.length === 0 ? 0 : unknown / decided.length;
  // Never wrong, but worth a look: the source does not decide these.
  const eitherAnswered = verdicts
    .filter((v) => v.site.label === 'either' && v.kind !== 'unknown')
    .map((v) => `    ${describeSite(v.site)}: ${v.kind}: ${v.site.text}`);
  const inHandlers = verdicts.filter((v) => v.site.inHandlerBody).length;
  return [
    `labelled sites: ${verdicts.length} (${inHandlers} in handler bodies)`,
    ...rows,
    `wrong: ${wrong}`,
    `unknown among @promise/@not-promise: ${unknown} of ${decided.length} (${(share * 100).toFixed(1)}%)`,
    ...(eitherAnswered.length ? ['@either sites answered:', ...eitherAnswered] : []),
  ].join('\n');
}

describe('promise inference on the labelled functions project', () => {
  const { sites, problems } = load();
  const verdicts: Verdict[] = sites.map((site) => {
    try {
      return { site, kind: getPromiseKind(site.path, site.source) };
    } catch (error) {
      return { site, kind: 'unknown', error: String(error) };
    }
  });
  const decided = verdicts.filter((v) => v.site.label !== 'either');

  afterAll(() => {
    console.log(summarize(verdicts));
  });

  test('every labelled line names exactly one site', () => {
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  test(`at least ${MIN_DECIDED_SITES} sites are labelled @promise or @not-promise`, () => {
    expect(decided.length).toBeGreaterThanOrEqual(MIN_DECIDED_SITES);
  });

  test('the inference answers every site without throwing', () => {
    const thrown = verdicts.filter((v) => v.error).map((v) => `${describeSite(v.site)}: ${v.error}: ${v.site.text}`);
    expect(thrown).toEqual([]);
  });

  test('no verdict contradicts its label', () => {
    const wrong = verdicts
      .filter((v) => isWrong(v.site.label, v.kind))
      .map((v) => `${describeSite(v.site)}: expected ${v.site.label}, got ${v.kind}: ${v.site.text}`);
    expect(wrong).toEqual([]);
  });

  test('the share of unknown verdicts stays within MAX_UNKNOWN_SHARE', () => {
    const unknown = decided.filter((v) => v.kind === 'unknown').length;
    const unknownShare = decided.length === 0 ? 0 : unknown / decided.length;
    expect(unknownShare).toBeLessThanOrEqual(MAX_UNKNOWN_SHARE);
  });
});
