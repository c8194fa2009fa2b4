// takeFingerprint: the machine plus the Go toolchain, recorded with every run.
import { queryGo } from './go-toolchain.js';
import { probeHost } from './host.js';
import { findOnPath } from './path-search.js';
import { probeTopology } from './topology.js';
import type { Fingerprint, GoInfo } from '../record/fingerprint.js';

/** Optional helper tools whose presence we record. */
export const PROBED_TOOLS = ['strace', 'perf', 'fio', 'numactl', 'hyperfine', 'cc'] as const;

/** Options for {@link takeFingerprint}. */
export interface FingerprintOptions {
  /** The go binary (see resolveGo). */
  goPath: string;
  /** The environment to run go with; its PATH is also where tools are looked up. */
  env: NodeJS.ProcessEnv;
  /** Working directory for the go commands; default the OS temp directory (no go.mod applies). */
  cwd?: string;
  /** Stand-in for `/` when reading /proc and /sys (tests only); default `/`. */
  root?: string;
  /** The toolchain as already queried (by the measurement context); default: query it here. */
  go?: GoInfo;
}

/**
 * Fingerprint this machine and the toolchain at `goPath`.
 * Throws ToolchainError when go is missing or `go version` / `go env -json` fails.
 */
export async function takeFingerprint(opts: FingerprintOptions): Promise<Fingerprint> {
  const takenAt = new Date().toISOString();
  const go = opts.go ?? (await queryGo(opts.goPath, opts.env, opts.cwd));
  const root = opts.root ?? '/';
  const host = await probeHost({ root, env: process.env });
  // The measured default GOMAXPROCS needs a build: measure/go-default-procs.ts adds it.
  const topology = await probeTopology({ root, goVersion: go.version });
  const tools: Record<string, string | null> = {};
  for (const tool of PROBED_TOOLS) tools[tool] = findOnPath(tool, opts.env.PATH);
  return { schema: 1, takenAt, ...host, go, topology, tools };
}
