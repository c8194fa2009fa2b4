// Progress on stderr. On a terminal: one line redrawn in place. In a pipe or CI: a plain
// line when a scenario starts a phase and when it finishes, nothing per run.
import type { ProgressSink, Sample } from '../measure/sampler.js';
import { formatValue } from './units.js';

/** Writes progress for a run of `scenarioCount` scenarios to `stream`. */
export class StderrProgress implements ProgressSink {
  private index = 0;
  private current = '';
  private failed = 0;
  private announced = false;

  constructor(
    private readonly scenarioCount: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {}

  private get tty(): boolean {
    return this.stream.isTTY === true && !process.env.CI;
  }

  private enter(scenarioId: string): void {
    if (scenarioId === this.current) return;
    this.current = scenarioId;
    this.index += 1;
    this.failed = 0;
    this.announced = false;
  }

  private prefix(scenarioId: string): string {
    return `[${this.index}/${this.scenarioCount}] ${scenarioId}`;
  }

  phase(scenarioId: string, text: string): void {
    this.enter(scenarioId);
    if (this.quiet) return;
    if (this.tty) this.stream.write(`\r\x1b[K${this.prefix(scenarioId)}: ${text}`);
    else this.stream.write(`${this.prefix(scenarioId)}: ${text}\n`);
  }

  sample(scenarioId: string, done: number, total: number, warmup: boolean, sample: Sample): void {
    this.enter(scenarioId);
    if (!sample.ok) this.failed += 1;
    if (this.quiet) return;
    const last =
      sample.ok && sample.metrics.wallNs !== undefined
        ? formatValue('ns', sample.metrics.wallNs)
        : 'failed';
    if (this.tty) {
      const kind = warmup ? 'warm-up' : 'run';
      this.stream.write(
        `\r\x1b[K${this.prefix(scenarioId)}: ${kind} ${done}/${total}, last ${last}`,
      );
      if (done === total) this.stream.write('\r\x1b[K');
      return;
    }
    if (!this.announced) {
      this.announced = true;
      this.stream.write(`${this.prefix(scenarioId)}: ${total} runs (warm-ups included)\n`);
    }
    if (done === total && this.failed > 0) {
      this.stream.write(`${this.prefix(scenarioId)}: ${this.failed} of ${total} runs failed\n`);
    }
  }

  /** Clears a half-drawn line before the final output. */
  finish(): void {
    if (this.tty && !this.quiet) this.stream.write('\r\x1b[K');
  }
}
