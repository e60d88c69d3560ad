/**
 * `--interactive`: the review of one file, one rewrite site at a time, as a pure state machine.
 * No terminal, no files: `reviewFile` is a generator that yields a prompt for each site (and each
 * finding) and is resumed with the answer; what it returns is the file's new text and what
 * happened to every site. The terminal layer (terminal.ts) asks the questions and run.ts
 * reads and writes the files.
 *
 * How sites of several transforms are applied one by one. The transforms run in canonical order,
 * each on the text the previous one left, exactly as `applyTransforms` chains them; the only
 * difference is that after each transform only the accepted subset of its sites is applied (the
 * sites of one transform are independent, so any subset is a valid edit). The next transform then
 * runs on that text, so its sites are always computed against the code as it will be.
 *
 * A site that was rejected must not come back in another guise in a later transform (respond-last
 * offering to move the very statements await-then-send was told to leave alone). Each rejected
 * site leaves a *footprint*: the ranges its edits would replace and the points where it would
 * insert, carried forward through every edit accepted afterwards. A later site whose edits touch
 * a footprint is withheld: not offered, not applied, and counted in the result. Unlike a
 * `sendlast-disable-next-line` comment this writes nothing into the file, and unlike matching
 * line text it cannot confuse two identical lines or miss a site whose line moved. Footprints
 * only ever grow when carried forward, so the check errs on the side of leaving code alone: the
 * bytes a rejected site would have changed stay byte-identical whatever else is accepted.
 */
import { applyEdits, dedupeEdits, mapOffsetBack } from '../../transforms/lib/edit/edits';
import { LineIndex } from '../../transforms/lib/edit/text';
import type { Finding, Site, TextEdit } from '../../transforms/lib/types';
import { diffHunks } from '../run/process-file';

/** `y` apply, `n` skip, `a` apply this and the rest of the file, `d` skip the rest of the file, `q` quit. */
export type Answer = 'y' | 'n' | 'a' | 'd' | 'q';

export const SITE_ANSWERS: readonly Answer[] = ['y', 'n', 'a', 'd', 'q'];
export const FINDING_ANSWERS: readonly Answer[] = ['n', 'q'];

/** What one transform proposes for `text`: sites and findings, positions in `text`. */
export interface StepProposal {
  sites: readonly Site[];
  findings: readonly Finding[];
}

export interface ReviewFileInput {
  /** As shown to the user. */
  path: string;
  /** The file's text as read. */
  source: string;
  /** The transforms to run, in canonical order. */
  transforms: readonly string[];
}

/** Run one transform on `text` (in the CLI: `applyTransforms(text, { transforms: [transform] })`). */
export type RunStep = (file: ReviewFileInput, text: string, transform: string) => StepProposal;

interface PromptBase {
  path: string;
  transform: string;
  /** 1-based, in the file as it is on disk (before this session changes it). */
  line: number;
  column: number;
  message: string;
}

export interface SitePrompt extends PromptBase {
  kind: 'site';
  /** Unified diff hunks of this site alone, with context, against the text as it is at this step. */
  hunks: string;
  /** Findings about this very change (reported where it is or where it inserts text), shown with it. */
  notes: string[];
  /** 1-based position among the sites offered for this transform in this file, and their number. */
  index: number;
  count: number;
}

export interface FindingPrompt extends PromptBase {
  kind: 'finding';
  /** The lines around the finding, the finding's own line marked with `>`. */
  excerpt: string;
}

export type Prompt = SitePrompt | FindingPrompt;

/** A site as the result reports it. */
export interface SiteRecord {
  transform: string;
  /** 1-based, in the original file. */
  line: number;
  column: number;
  message: string;
  /**
   * For a site that was not applied: where it is in the new text (1-based). A second run over the
   * new text finds it there again (the code it would change is untouched).
   */
  after?: { line: number; column: number };
}

export interface FindingRecord {
  transform: string;
  line: number;
  column: number;
  message: string;
}

export interface FileReview {
  path: string;
  source: string;
  /** The new text: the source with the accepted sites applied. */
  output: string;
  /** Transforms that changed the text, in the order they ran. */
  applied: string[];
  accepted: SiteRecord[];
  /** Answered `n`, or skipped by `d`. */
  rejected: SiteRecord[];
  /** Not offered: their edits touch the code of a site rejected earlier. */
  withheld: SiteRecord[];
  /** Left when the review was quit (`q`): not applied, not rejected. */
  unreviewed: SiteRecord[];
  /** Findings that were shown (as a prompt, or as a note of a site). */
  shownFindings: FindingRecord[];
  /** Findings not shown (after `a`, `d` or `q`); notes of sites that were not applied are dropped. */
  unshownFindings: FindingRecord[];
  /** The review was quit during this file. */
  quit: boolean;
}

/** A range of the current text that must stay as it is (closed: touching it counts). */
interface Footprint {
  start: number;
  end: number;
}

/**
 * Where `offset` of a text lands once `edits` (sorted, deduplicated) are applied. An offset at an
 * insertion point or inside a replaced range goes before the new text (`left`) or after it
 * (`right`): a range mapped with `left` for its start and `right` for its end only grows.
 */
export function mapOffsetForward(edits: readonly TextEdit[], offset: number, bias: 'left' | 'right'): number {
  let delta = 0;
  for (const edit of edits) {
    const growth = edit.text.length - (edit.end - edit.start);
    if (edit.end < offset || (edit.end === offset && edit.start < offset)) {
      delta += growth;
      continue;
    }
    if (edit.start > offset) break;
    // edit.start <= offset <= edit.end: at an insertion point or inside (or at the start of) a replacement.
    if (bias === 'left') return edit.start + delta;
    if (edit.start === edit.end) {
      delta += growth;
      continue;
    }
    return edit.start + delta + edit.text.length;
  }
  return offset + delta;
}

function getFootprints(site: Site): Footprint[] {
  return site.edits.map((edit) => ({ start: edit.start, end: edit.end }));
}

function touches(edit: TextEdit, footprint: Footprint): boolean {
  return edit.start <= footprint.end && footprint.start <= edit.end;
}

/** The lines around 1-based `line` of `text`, each prefixed with `>` (the line) or two spaces. */
export function getExcerpt(text: string, line: number, context = 2): string {
  const lines = text.split('\n');
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const out: string[] = [];
  for (let l = first; l <= last; l++) {
    const content = (lines[l - 1] ?? '').replace(/\r$/, '');
    out.push(`${l === line ? '>' : ' '} ${content}`);
  }
  return out.join('\n');
}

type Item =
  | { kind: 'site'; site: Site; offset: number; notes: Finding[] }
  | { kind: 'finding'; finding: Finding; offset: number };

/**
 * Review one file. Yields a prompt per site and per finding (sites only `y`/`n`/`a`/`d`/`q`,
 * findings only `n`/`q`: the caller makes sure of that) and returns what was decided.
 */
export function* reviewFile(input: ReviewFileInput, runStep: RunStep): Generator<Prompt, FileReview, Answer> {
  const review: FileReview = {
    path: input.path,
    source: input.source,
    output: input.source,
    applied: [],
    accepted: [],
    rejected: [],
    withheld: [],
    unreviewed: [],
    shownFindings: [],
    unshownFindings: [],
    quit: false,
  };
  let text = input.source;
  /** Accepted edits of each step that changed the text: maps positions back to the original. */
  const history: TextEdit[][] = [];
  let footprints: Footprint[] = [];
  let rest: 'ask' | 'accept' | 'reject' = 'ask';
  // Positions to offsets and back through one line index per text: the original, then each step's.
  const sourceLines = new LineIndex(input.source);

  const toOriginal = (offset: number) => {
    let original = offset;
    for (let i = history.length - 1; i >= 0; i--) original = mapOffsetBack(history[i]!, original);
    return sourceLines.getPosition(original);
  };
  const recordSite = (site: Site, offset: number): SiteRecord => ({
    transform: site.transform,
    ...toOriginal(offset),
    message: site.message,
  });
  /** Sites not applied, with their offset in the current text (carried forward like footprints). */
  let notApplied: Array<{ record: SiteRecord; offset: number }> = [];
  const recordFinding = (finding: Finding, offset: number): FindingRecord => ({
    transform: finding.transform,
    ...toOriginal(offset),
    message: finding.message,
  });

  for (const transform of input.transforms) {
    if (review.quit) break;
    const proposal = runStep(input, text, transform);
    const lines = new LineIndex(text);
    const items = getItems(lines, proposal);
    const offered = items.filter(
      (item) => item.kind === 'site' && !item.site.edits.some((edit) => footprints.some((f) => touches(edit, f))),
    );
    const accepted: Site[] = [];
    const rejectedFootprints: Footprint[] = [];
    let index = 0;
    for (const item of items) {
      if (item.kind === 'finding') {
        const record = recordFinding(item.finding, item.offset);
        if (review.quit || rest !== 'ask') {
          review.unshownFindings.push(record);
          continue;
        }
        const answer = yield {
          kind: 'finding',
          path: input.path,
          transform: item.finding.transform,
          line: record.line,
          column: record.column,
          message: item.finding.message,
          excerpt: getExcerpt(text, item.finding.line),
        };
        review.shownFindings.push(record);
        if (answer === 'q') review.quit = true;
        continue;
      }

      const record = recordSite(item.site, item.offset);
      if (!offered.includes(item)) {
        review.withheld.push(record);
        notApplied.push({ record, offset: item.offset });
        continue;
      }
      index += 1;
      if (review.quit) {
        review.unreviewed.push(record);
        notApplied.push({ record, offset: item.offset });
        continue;
      }
      const prompted = rest === 'ask';
      let answer: Answer;
      if (rest === 'accept') answer = 'y';
      else if (rest === 'reject') answer = 'n';
      else {
        answer = yield {
          kind: 'site',
          path: input.path,
          transform: item.site.transform,
          line: record.line,
          column: record.column,
          message: item.site.message,
          hunks: diffHunks(text, applyEdits(text, item.site.edits)),
          notes: item.notes.map((note) => note.message),
          index,
          count: offered.length,
        };
      }
      if (answer === 'a') rest = 'accept';
      if (answer === 'd') rest = 'reject';
      if (answer === 'q') {
        review.quit = true;
        review.unreviewed.push(record);
        notApplied.push({ record, offset: item.offset });
        continue;
      }
      const notes = item.notes.map((note) => recordFinding(note, lines.getOffset(note.line, note.column)));
      if (answer === 'y' || answer === 'a') {
        accepted.push(item.site);
        review.accepted.push(record);
        (prompted ? review.shownFindings : review.unshownFindings).push(...notes);
      } else {
        review.rejected.push(record);
        notApplied.push({ record, offset: item.offset });
        rejectedFootprints.push(...getFootprints(item.site));
      }
    }

    const edits = dedupeEdits(accepted.flatMap((site) => site.edits));
    footprints = [...footprints, ...rejectedFootprints].map((f) => ({
      start: mapOffsetForward(edits, f.start, 'left'),
      end: mapOffsetForward(edits, f.end, 'right'),
    }));
    notApplied = notApplied.map(({ record, offset }) => ({ record, offset: mapOffsetForward(edits, offset, 'left') }));
    if (edits.length === 0) continue;
    const next = applyEdits(text, edits);
    if (next === text) continue;
    history.push(edits);
    text = next;
    review.applied.push(transform);
  }
  review.output = text;
  const outputLines = new LineIndex(text);
  for (const { record, offset } of notApplied) record.after = outputLines.getPosition(offset);
  // A note shared by several sites counts once, as shown when it was shown with any of them.
  review.shownFindings = uniqueFindings(review.shownFindings);
  review.unshownFindings = uniqueFindings(review.unshownFindings).filter(
    (finding) => !review.shownFindings.some((shown) => sameFinding(shown, finding)),
  );
  return review;
}

function sameFinding(a: FindingRecord, b: FindingRecord): boolean {
  return a.transform === b.transform && a.line === b.line && a.column === b.column && a.message === b.message;
}

function uniqueFindings(findings: readonly FindingRecord[]): FindingRecord[] {
  const out: FindingRecord[] = [];
  for (const finding of findings) if (!out.some((f) => sameFinding(f, finding))) out.push(finding);
  return out;
}

/**
 * The step's sites and findings in file order. A finding of the same transform reported exactly
 * where a site is, or where it inserts text (such as "made an Express route handler async" where
 * `async ` goes), is about that change: it becomes a note of the site, shown with it, and is
 * dropped when the site is not applied.
 */
function getItems(lines: LineIndex, proposal: StepProposal): Item[] {
  const sites: Array<Extract<Item, { kind: 'site' }>> = proposal.sites.map((site) => ({
    kind: 'site',
    site,
    offset: lines.getOffset(site.line, site.column),
    notes: [],
  }));
  const items: Item[] = [...sites];
  for (const finding of proposal.findings) {
    const offset = lines.getOffset(finding.line, finding.column);
    const owners = sites.filter(
      (item) =>
        item.site.transform === finding.transform &&
        (item.offset === offset || item.site.edits.some((edit) => edit.start === edit.end && edit.start === offset)),
    );
    if (owners.length === 0) items.push({ kind: 'finding', finding, offset });
    for (const owner of owners) owner.notes.push(finding);
  }
  // Stable: a site before a finding at the same place.
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => a.item.offset - b.item.offset || a.order - b.order)
    .map(({ item }) => item);
}

/** Thrown by an `ask` function when the user interrupts (Ctrl-C): the file under review is not written. */
export class ReviewInterrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'ReviewInterrupted';
  }
}

export interface SessionResult {
  /** Every file whose review finished (also the one quit in), in order. */
  reviews: FileReview[];
  /** Files whose transforms failed during the review (left unchanged). */
  failed: Array<{ path: string; error: unknown }>;
  quit: boolean;
}

/**
 * Review `files` one after the other, asking `ask` for every prompt; `onFile` gets each finished
 * review (to write it) before the next file starts. Stops after the file in which `q` was answered.
 * A file whose transform throws is recorded in `failed` and the session goes on; when `ask` throws
 * (ReviewInterrupted), the review in progress is abandoned and the error propagates.
 */
export async function runSession(
  files: Iterable<ReviewFileInput>,
  runStep: RunStep,
  ask: (prompt: Prompt, context: { file: number }) => Answer | Promise<Answer>,
  onFile: (review: FileReview) => void | Promise<void> = () => {},
): Promise<SessionResult> {
  const result: SessionResult = { reviews: [], failed: [], quit: false };
  let file = 0;
  for (const input of files) {
    file += 1;
    const generator = reviewFile(input, runStep);
    const advance = (answer?: Answer): IteratorResult<Prompt, FileReview> | null => {
      try {
        return answer === undefined ? generator.next() : generator.next(answer);
      } catch (error) {
        result.failed.push({ path: input.path, error });
        return null;
      }
    };
    let step = advance();
    while (step && !step.done) step = advance(await ask(step.value, { file }));
    if (!step) continue;
    result.reviews.push(step.value);
    await onFile(step.value);
    if (step.value.quit) {
      result.quit = true;
      break;
    }
  }
  return result;
}

/**
 * Review with a script of answers (tests, and replaying a session): each prompt takes the next
 * answer; a site prompt with a finding-only answer or the script running out throws.
 */
export function reviewScripted(
  files: readonly ReviewFileInput[],
  runStep: RunStep,
  answers: readonly Answer[],
): { reviews: FileReview[]; prompts: Prompt[]; quit: boolean } {
  const prompts: Prompt[] = [];
  const reviews: FileReview[] = [];
  let next = 0;
  for (const input of files) {
    const generator = reviewFile(input, runStep);
    let step = generator.next();
    while (!step.done) {
      const prompt = step.value;
      prompts.push(prompt);
      const answer = answers[next++];
      if (answer === undefined) throw new Error(`no answer left for prompt ${prompts.length} (${prompt.path}:${prompt.line})`);
      const allowed = prompt.kind === 'site' ? SITE_ANSWERS : FINDING_ANSWERS;
      if (!allowed.includes(answer)) throw new Error(`answer "${answer}" is not allowed for a ${prompt.kind}`);
      step = generator.next(answer);
    }
    reviews.push(step.value);
    if (step.value.quit) return { reviews, prompts, quit: true };
  }
  if (next < answers.length) throw new Error(`${answers.length - next} answers left unused`);
  return { reviews, prompts, quit: false };
}
