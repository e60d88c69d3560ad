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

type Item = { kind: 'site'; site: Site; offset: number; notes: Finding[] } | { kind: 'finding'; finding: Finding; offset: number };

/**
 * Review one file. Yields a prompt per site and per finding (sites only `y`/`n`/`a`/`d`/`q`,
 * findings only `n`/`q`: the caller makes sure of that) and returns what was decided.
 */
export function* reviewFile(input: ReviewFileInput, runStep: RunStep): Generator<Prompt, FileReview, Answer> {
  const session = new ReviewSession(input);
  for (const transform of input.transforms) {
    if (session.review.quit) break;
    yield* session.reviewStep(transform, runStep(input, session.text, transform));
  }
  return session.finish();
}

type SiteItem = Extract<Item, { kind: 'site' }>;
type FindingItem = Extract<Item, { kind: 'finding' }>;

/** One transform's turn in a file's review. */
interface Step {
  /** The line index of the text the transform ran on. */
  lines: LineIndex;
  /** The sites offered: those whose edits touch no code of a site rejected earlier. */
  offered: readonly Item[];
  accepted: Site[];
  rejectedFootprints: Footprint[];
  /** Sites offered so far (1-based position of the current one). */
  index: number;
}

/** The review of one file as it goes: the text so far, what was decided, how to map positions back. */
class ReviewSession {
  readonly review: FileReview;
  /** The text with the sites accepted so far applied. */
  text: string;
  /** Accepted edits of each step that changed the text: maps positions back to the original. */
  private readonly history: TextEdit[][] = [];
  private footprints: Footprint[] = [];
  private rest: 'ask' | 'accept' | 'reject' = 'ask';
  // Positions to offsets and back through one line index per text: the original, then each step's.
  private readonly sourceLines: LineIndex;
  /** Sites not applied, with their offset in the current text (carried forward like footprints). */
  private notApplied: Array<{ record: SiteRecord; offset: number }> = [];

  constructor(private readonly input: ReviewFileInput) {
    this.review = {
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
    this.text = input.source;
    this.sourceLines = new LineIndex(input.source);
  }

  private toOriginal(offset: number): { line: number; column: number } {
    let original = offset;
    for (let i = this.history.length - 1; i >= 0; i--) original = mapOffsetBack(this.history[i]!, original);
    return this.sourceLines.getPosition(original);
  }

  private recordSite(site: Site, offset: number): SiteRecord {
    return { transform: site.transform, ...this.toOriginal(offset), message: site.message };
  }

  private recordFinding(finding: Finding, offset: number): FindingRecord {
    return { transform: finding.transform, ...this.toOriginal(offset), message: finding.message };
  }

  /** Ask about each site and finding one transform proposes, then apply the sites accepted. */
  *reviewStep(transform: string, proposal: StepProposal): Generator<Prompt, void, Answer> {
    const lines = new LineIndex(this.text);
    const items = getItems(lines, proposal);
    const offered = items.filter((item) => item.kind === 'site' && !item.site.edits.some((edit) => this.footprints.some((f) => touches(edit, f))));
    const step: Step = { lines, offered, accepted: [], rejectedFootprints: [], index: 0 };
    for (const item of items) {
      if (item.kind === 'finding') yield* this.reviewFinding(item);
      else yield* this.reviewSite(item, step);
    }
    this.applyStep(transform, step);
  }

  private *reviewFinding(item: FindingItem): Generator<Prompt, void, Answer> {
    const { review } = this;
    const record = this.recordFinding(item.finding, item.offset);
    if (review.quit || this.rest !== 'ask') {
      review.unshownFindings.push(record);
      return;
    }
    const answer = yield {
      kind: 'finding',
      path: this.input.path,
      transform: item.finding.transform,
      line: record.line,
      column: record.column,
      message: item.finding.message,
      excerpt: getExcerpt(this.text, item.finding.line),
    };
    review.shownFindings.push(record);
    if (answer === 'q') review.quit = true;
  }

  private *reviewSite(item: SiteItem, step: Step): Generator<Prompt, void, Answer> {
    const { review } = this;
    const record = this.recordSite(item.site, item.offset);
    const leave = (list: SiteRecord[]) => {
      list.push(record);
      this.notApplied.push({ record, offset: item.offset });
    };
    if (!step.offered.includes(item)) return leave(review.withheld);
    step.index += 1;
    if (review.quit) return leave(review.unreviewed);
    const prompted = this.rest === 'ask';
    const answer = yield* this.getSiteAnswer(item, record, step);
    if (answer === 'a') this.rest = 'accept';
    if (answer === 'd') this.rest = 'reject';
    if (answer === 'q') {
      review.quit = true;
      return leave(review.unreviewed);
    }
    const notes = item.notes.map((note) => this.recordFinding(note, step.lines.getOffset(note.line, note.column)));
    if (answer === 'y' || answer === 'a') {
      step.accepted.push(item.site);
      review.accepted.push(record);
      (prompted ? review.shownFindings : review.unshownFindings).push(...notes);
    } else {
      leave(review.rejected);
      step.rejectedFootprints.push(...getFootprints(item.site));
    }
  }

  /** The answer about a site: asked, or given by an earlier `a` (accept the rest) or `d` (reject the rest). */
  private *getSiteAnswer(item: SiteItem, record: SiteRecord, step: Step): Generator<Prompt, Answer, Answer> {
    if (this.rest === 'accept') return 'y';
    if (this.rest === 'reject') return 'n';
    return yield {
      kind: 'site',
      path: this.input.path,
      transform: item.site.transform,
      line: record.line,
      column: record.column,
      message: item.site.message,
      hunks: diffHunks(this.text, applyEdits(this.text, item.site.edits)),
      notes: item.notes.map((note) => note.message),
      index: step.index,
      count: step.offered.length,
    };
  }

  /** Apply the step's accepted sites; carry the footprints and the sites not applied over to the new text. */
  private applyStep(transform: string, step: Step): void {
    const edits = dedupeEdits(step.accepted.flatMap((site) => site.edits));
    this.footprints = [...this.footprints, ...step.rejectedFootprints].map((f) => ({
      start: mapOffsetForward(edits, f.start, 'left'),
      end: mapOffsetForward(edits, f.end, 'right'),
    }));
    this.notApplied = this.notApplied.map(({ record, offset }) => ({ record, offset: mapOffsetForward(edits, offset, 'left') }));
    if (edits.length === 0) return;
    const next = applyEdits(this.text, edits);
    if (next === this.text) return;
    this.history.push(edits);
    this.text = next;
    this.review.applied.push(transform);
  }

  /** The review, once every transform had its turn (or the review was quit). */
  finish(): FileReview {
    const { review } = this;
    review.output = this.text;
    const outputLines = new LineIndex(this.text);
    for (const { record, offset } of this.notApplied) record.after = outputLines.getPosition(offset);
    // A note shared by several sites counts once, as shown when it was shown with any of them.
    review.shownFindings = uniqueFindings(review.shownFindings);
    review.unshownFindings = uniqueFindings(review.unshownFindings).filter((finding) => !review.shownFindings.some((shown) => sameFinding(shown, finding)));
    return review;
  }
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
