// The GOROOT relocation experiment of `analyze cache --relocated-goroot`: does a warm GOCACHE
// still serve a build when GOROOT is a copy elsewhere? Builds with the original and the copied
// GOROOT against the same private GOCACHE, alternating, compared with benchstat's test.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BuildAction } from '../parse/actiongraph.js';
import { EnvironmentError } from '../errors.js';
import { probeStorage } from '../probe/storage.js';
import { compareSamples, median } from '../stats/index.js';
import { cacheStats } from './build-actions.js';
import type { RelocationResult, RelocationRun } from './build-report.js';
import { copyTree } from '../measure/tools.js';
import { countFiles, runGraphBuild } from './build-runner.js';
import type { Session } from './build-session.js';
import { symlinksOutOf } from './goroot-copy-check.js';

function relocationRun(
  wallNs: number,
  actions: BuildAction[],
  newCacheFiles: number,
): RelocationRun {
  const c = cacheStats(actions);
  return {
    wallNs,
    cached: c.cached,
    ran: c.ran,
    hitRate: c.hitRate,
    ranPackages: c.ranPackages,
    newCacheFiles,
  };
}

/**
 * The GOROOT/GOCACHE experiment: with the (now warm) private GOCACHE, GOROOT is copied with
 * `cp -a` into the private directory; one build with the copy's go binary and GOROOT set to the
 * copy and cmd/go's package index off (GODEBUG=goindex=0), one with the index on (where a
 * GOROOT-dependent cache misses), then `runs` rounds of one build with each GOROOT, all against
 * the same GOCACHE.
 */
export async function relocateGoroot(s: Session, runs: number): Promise<RelocationResult> {
  const original = s.go.goroot;
  if (!original) throw new EnvironmentError('`go env GOROOT` is empty; cannot relocate GOROOT');
  const { ctx } = s;
  const graphs = ctx.dirs.named('graphs');
  const timed = async (
    label: string,
    goPath: string,
    extraEnv: Record<string, string>,
    i: number,
  ) => {
    const file = path.join(graphs, `${label}-${i}.json`);
    const before = await countFiles(ctx.paths.gocache);
    const b = await runGraphBuild(ctx, s.target, ctx.paths, file, { goPath, extraEnv });
    return relocationRun(
      b.process.wallNs,
      b.actions,
      (await countFiles(ctx.paths.gocache)) - before,
    );
  };
  const copy = path.join(ctx.dirs.root, 'goroot-copy');
  s.say(`copying ${original} to ${copy} (cp -a)`);
  // Copy the real directory: a GOROOT given as a symlink would otherwise be copied as a link.
  const copyNs = await copyTree(ctx.runner, await fs.realpath(original), copy);
  const escaping = await symlinksOutOf(copy);
  if (escaping.length > 0) {
    throw new EnvironmentError(
      `GOROOT ${original} links out of itself (${escaping.join(', ')}): a copy would still use the original files, so it cannot be relocated`,
    );
  }
  const copiedGo = path.join(copy, 'bin', 'go');
  try {
    await fs.access(copiedGo);
  } catch {
    throw new EnvironmentError(`no bin/go in the copy of GOROOT ${original}`);
  }
  const storage = await probeStorage({ original: original, copy });
  const env = { GOROOT: copy };
  s.say('GOROOT relocation: the first builds with the copy, same GOCACHE');
  const godebug = ctx.env().GODEBUG ?? '';
  const withoutIndex = await timed(
    'relocated-noindex',
    copiedGo,
    { ...env, GODEBUG: godebug ? `${godebug},goindex=0` : 'goindex=0' },
    0,
  );
  const first = await timed('relocated', copiedGo, env, 0);
  // Then alternate, so that a drift in the machine's load affects both sides alike.
  s.say(`GOROOT relocation: ${runs} more builds with each GOROOT, alternating`);
  const originalRuns: RelocationRun[] = [];
  const later: RelocationRun[] = [];
  for (let i = 1; i <= runs; i++) {
    originalRuns.push(await timed('original', ctx.goPath, {}, i));
    later.push(await timed('relocated', copiedGo, env, i));
  }
  const base = median(originalRuns.map((r) => r.wallNs));
  return {
    originalGoroot: original,
    relocatedGoroot: copy,
    copyNs,
    storage,
    original: originalRuns,
    withoutIndex,
    firstRelocated: first,
    relocated: later,
    comparison: compareSamples(
      originalRuns.map((r) => r.wallNs),
      later.map((r) => r.wallNs),
    ),
    firstDeltaFraction: base > 0 ? first.wallNs / base - 1 : null,
  };
}
