/**
 * Where progress is shown. The terminal views write text to a stream; the notebook view
 * (in `notebook-view.ts`) overwrites one rich output in place.
 */
import { ProgressSnapshot, formatBar, formatProgressLine } from './format';
import { ProgressTracker } from './tracker';

/** A view of training progress. `render` is called at most every `intervalMs`, and once when done. */
export interface ProgressView {
  render(snapshot: ProgressSnapshot, tracker: ProgressTracker): void;
}

/** The part of a Node stream we write to (`process.stdout`). */
export interface TextOut {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** The line a terminal shows: title, bar and percentage when the total is known, the progress line. */
export function terminalLine(s: ProgressSnapshot, title?: string): string {
  const parts: string[] = [];
  if (title) parts.push(title);
  if (s.fraction !== undefined) parts.push(`${formatBar(s.fraction)} ${String(Math.floor(s.fraction * 100)).padStart(3)}%`);
  parts.push(formatProgressLine(s));
  return parts.join(' ');
}

/** An interactive terminal: one line rewritten in place with `\r`, ended by a newline when done. */
export class TerminalView implements ProgressView {
  constructor(private readonly out: TextOut, private readonly title?: string) {}

  render(s: ProgressSnapshot): void {
    let line = terminalLine(s, this.title);
    const width = (this.out.columns || 120) - 1; // 0 in a pty without a size
    if (line.length > width) line = line.slice(0, Math.max(10, width - 1)) + '…';
    // \x1b[K clears what a longer previous line left to the right.
    this.out.write(`\r${line}\x1b[K${s.done ? '\n' : ''}`);
  }
}

/**
 * Logs (CI, a file, a pipe): `\r` would pile up, so one full line at most every
 * `everyMs` milliseconds, and the final line.
 */
export class LogView implements ProgressView {
  private lastMs = -Infinity;

  constructor(
    private readonly out: TextOut,
    private readonly title: string | undefined,
    private readonly clock: () => number,
    private readonly everyMs = 10000,
  ) {}

  render(s: ProgressSnapshot): void {
    const now = this.clock();
    if (!s.done && now - this.lastMs < this.everyMs) return;
    this.lastMs = now;
    this.out.write(`${terminalLine(s, this.title)}\n`);
  }
}

/** Shows nothing (for tests, or to silence a helper). */
export class SilentView implements ProgressView {
  render(): void {}
}
