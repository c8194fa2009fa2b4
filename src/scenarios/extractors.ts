// Reads a scenario's own metrics after a successful run: from the action graph file, the
// program's output, or the built binary. Parsing lives in parse/; this is the I/O around it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  actionWallNs,
  compileActionOf,
  linkWallNs,
  parseActionGraph,
} from '../parse/actiongraph.js';
import { parseGctrace, summarizeGc } from '../parse/gctrace.js';
import { parseVmHwmBytes } from '../parse/proc-status.js';
import type { ExtractorId } from './types.js';

/** What an extractor reads of a finished command (a measure/ ProcessResult satisfies it). */
export interface RunOutput {
  stdout: string;
  stderr: string;
}

/** Where a run left its files. */
export interface RunFiles {
  /** The command as run, tokens resolved. */
  argv: string[];
  actionGraphPath: string;
}

/** A run succeeded but its own metrics could not be read; the sample counts as failed. */
export class ExtractionError extends Error {}

type Extractor = (result: RunOutput, files: RunFiles) => Promise<Record<string, number>>;

const EXTRACTORS: Record<ExtractorId, Extractor> = {
  'net-http-compile-action': async (_result, files) => {
    const actions = parseActionGraph(await fs.readFile(files.actionGraphPath, 'utf8'));
    const action = compileActionOf(actions, 'net/http');
    const ns = action ? actionWallNs(action) : null;
    if (ns === null || !action?.cmd) {
      throw new ExtractionError(
        'the action graph has no net/http compile that ran (was the cache warm?)',
      );
    }
    return { pkgCompileNs: ns };
  },
  'self-vmhwm': async (result) => {
    const bytes = parseVmHwmBytes(result.stdout);
    if (bytes === null) throw new ExtractionError('the program printed no VmHWM line');
    return { selfPeakRssBytes: bytes };
  },
  gctrace: async (result) => {
    const summary = summarizeGc(parseGctrace(result.stderr));
    if (summary.gcCycles === 0) throw new ExtractionError('no gctrace lines on stderr');
    return { ...summary };
  },
  'binary-size': async (_result, files) => {
    const output = files.argv[files.argv.indexOf('-o') + 1];
    if (!files.argv.includes('-o') || !output)
      throw new ExtractionError('the build names no -o output');
    return { binarySizeBytes: await outputBytes(output) };
  },
  'link-action': async (_result, files) => {
    const ns = linkWallNs(parseActionGraph(await fs.readFile(files.actionGraphPath, 'utf8')));
    if (ns === null) throw new ExtractionError('the action graph has no link that ran');
    return { linkNs: ns };
  },
};

/** Size of a build's output: the file, or every file in a `-o DIR/` directory (one per binary). */
async function outputBytes(output: string): Promise<number> {
  const stat = await fs.stat(output);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const name of await fs.readdir(output))
    total += (await fs.stat(path.join(output, name))).size;
  return total;
}

/** Extractors that read the command's stdout; other scenarios discard it, as hyperfine does. */
const READS_STDOUT: ReadonlySet<ExtractorId> = new Set(['self-vmhwm']);

/** True when any of the extractors needs the command's stdout. */
export function needsStdout(ids: ExtractorId[]): boolean {
  return ids.some((id) => READS_STDOUT.has(id));
}

/** Runs the named extractors and merges their metrics. */
export async function extractMetrics(
  ids: ExtractorId[],
  result: RunOutput,
  files: RunFiles,
): Promise<Record<string, number>> {
  const merged: Record<string, number> = {};
  for (const id of ids) Object.assign(merged, await EXTRACTORS[id](result, files));
  return merged;
}
