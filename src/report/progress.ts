// Progress on stderr. On a terminal: one line redrawn in place. In a pipe or CI: a plain
// line when a scenario starts a phase and when it finishes, nothing per run.
import type { ProgressSink } from '../measure/sampler.js';
import type { Sample } from '../record/run-record.js';
import { formatValue } from '../record/units.js';

/** Writes progress for a run of `scenarioCount` scenarios to `stream`. */
export class StderrProgress implements ProgressSink {
  private readonly indices = new Map<string, number>();
  private current = '';
  private readonly failed = new Map<string, number>();
  private readonly announced = new Set<string>();

  constructor(
    private readonly scenarioCount: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {}

  private get tty(): boolean {
    return this.stream.isTTY === true && !process.env.CI;
  }

  // Interleaved configurations alternate ids run by run: each id keeps the number it got first.
  private enter(id: string): void {
    if (id === this.current) return;
    this.current = id;
    if (!this.indices.has(id)) this.indices.set(id, this.indices.size + 1);
  }

  private prefix(id: string): string {
    return `[${this.indices.get(id) ?? '?'}/${this.scenarioCount}] ${id}`;
  }

  phase(scenarioId: string, text: string): void {
    this.enter(scenarioId);
    if (this.quiet) return;
    if (this.tty) this.stream.write(`\r\x1b[K${this.prefix(scenarioId)}: ${text}`);
    else this.stream.write(`${this.prefix(scenarioId)}: ${text}\n`);
  }

  sample(scenarioId: string, done: number, total: number, warmup: boolean, sample: Sample): void {
    this.enter(scenarioId);
    if (!sample.ok) this.failed.set(scenarioId, (this.failed.get(scenarioId) ?? 0) + 1);
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
    if (!this.announced.has(scenarioId)) {
      this.announced.add(scenarioId);
      this.stream.write(`${this.prefix(scenarioId)}: ${total} runs (warm-ups included)\n`);
    }
    const failed = this.failed.get(scenarioId) ?? 0;
    if (done === total && failed > 0) {
      this.stream.write(`${this.prefix(scenarioId)}: ${failed} of ${total} runs failed\n`);
    }
  }

  /** Clears a half-drawn line before the final output. */
  finish(): void {
    if (this.tty && !this.quiet) this.stream.write('\r\x1b[K');
  }
}
