/**
 * The terminal side of `--interactive`: prompts as text (pure), keys as answers (pure), and a key
 * reader over a raw-mode TTY stream (the only stateful part). The stream comes from main.ts;
 * nothing here touches `process`.
 */
import type { createColors } from 'picocolors';
import { colorizeDiff } from '../output/render';
import { FINDING_ANSWERS, ReviewInterrupted, SITE_ANSWERS, type Answer, type Prompt } from './review';

type Colors = ReturnType<typeof createColors>;

/** The little of a TTY read stream the key reader needs (process.stdin in the CLI). */
export interface KeyInput {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  removeListener(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface OutputLike {
  write(chunk: string): unknown;
}

const SITE_HELP = `y - apply this change
n - do not apply this change
a - apply this change and all the remaining ones in this file
d - do not apply this change nor any of the remaining ones in this file
q - quit: apply none of the remaining changes (those accepted so far are written)
? - print help
`;

const FINDING_HELP = `n - go on (a finding changes nothing: look at this code yourself)
q - quit: apply none of the remaining changes (those accepted so far are written)
? - print help
`;

export function getHelp(prompt: Prompt): string {
  return prompt.kind === 'site' ? SITE_HELP : FINDING_HELP;
}

/** The question line, without a newline. */
export function renderQuestion(prompt: Prompt, c: Colors): string {
  const keys = [...(prompt.kind === 'site' ? SITE_ANSWERS : FINDING_ANSWERS), '?'].join(',');
  const question = prompt.kind === 'site' ? 'Apply this change' : 'Finding: go on';
  return c.bold(c.blue(`${question} [${keys}]? `));
}

/** Everything shown for a prompt before the question. */
export function renderPrompt(prompt: Prompt, c: Colors, progress?: { file: number; files: number }): string {
  const where = `${prompt.path}:${prompt.line}:${prompt.column}`;
  const parts = [c.bold(where), c.yellow(prompt.transform)];
  if (prompt.kind === 'site') parts.push(c.dim(`change ${prompt.index}/${prompt.count}`));
  else parts.push(c.dim('finding'));
  if (progress && progress.files > 1) parts.push(c.dim(`file ${progress.file}/${progress.files}`));
  const lines = ['', parts.join(c.dim(' · ')), prompt.message];
  if (prompt.kind === 'site') {
    for (const note of prompt.notes) lines.push(`${c.yellow('note:')} ${note}`);
    lines.push(colorizeDiff(prompt.hunks.replace(/\n$/, ''), c));
  } else {
    lines.push(c.dim(prompt.excerpt));
  }
  return `${lines.join('\n')}\n`;
}

export type KeyMeaning = Answer | 'help' | 'interrupt' | 'ignore' | 'invalid';

/** What a key means at a prompt that allows `allowed`. */
export function interpretKey(key: string, allowed: readonly Answer[]): KeyMeaning {
  if (key === '\x03') return 'interrupt';
  if (key === '\x04') return 'q';
  if (key === '\r' || key === '\n' || key === ' ' || key.startsWith('\x1b')) return 'ignore';
  if (key === '?') return 'help';
  const answer = key.toLowerCase() as Answer;
  return allowed.includes(answer) ? answer : 'invalid';
}

export interface KeyReader {
  /** The next key: one character, or a whole escape sequence. */
  read(): Promise<string>;
  close(): void;
}

/** Single keys from a TTY in raw mode (no Enter needed); typed-ahead keys are queued. */
export function createKeyReader(input: KeyInput): KeyReader {
  const queue: string[] = [];
  let waiting: ((key: string) => void) | undefined;
  const onData = (chunk: Buffer | string) => {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    // An escape sequence (arrow keys, ...) is one key; anything else is one key per character.
    const keys = text.startsWith('\x1b') ? [text] : [...text];
    for (const key of keys) {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve(key);
      } else {
        queue.push(key);
      }
    }
  };
  input.setRawMode?.(true);
  input.on('data', onData);
  input.resume();
  return {
    read() {
      const key = queue.shift();
      if (key !== undefined) return Promise.resolve(key);
      return new Promise((resolve) => (waiting = resolve));
    },
    close() {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
    },
  };
}

/**
 * Show `prompt` and read keys until one is an answer it allows: `?` prints the help, other keys
 * the help too. Ctrl-C throws ReviewInterrupted; Ctrl-D quits.
 */
export async function askAnswer(prompt: Prompt, reader: KeyReader, out: OutputLike, c: Colors, progress?: { file: number; files: number }): Promise<Answer> {
  const allowed = prompt.kind === 'site' ? SITE_ANSWERS : FINDING_ANSWERS;
  out.write(renderPrompt(prompt, c, progress));
  out.write(renderQuestion(prompt, c));
  for (;;) {
    const key = await reader.read();
    const meaning = interpretKey(key, allowed);
    switch (meaning) {
      case 'ignore':
        continue;
      case 'interrupt':
        out.write('^C\n');
        throw new ReviewInterrupted();
      case 'help':
      case 'invalid':
        out.write(`${meaning === 'invalid' ? `${JSON.stringify(key)}: not an answer here\n` : '?\n'}${c.red(getHelp(prompt))}`);
        out.write(renderQuestion(prompt, c));
        continue;
      default:
        out.write(`${meaning}\n`);
        return meaning;
    }
  }
}
