// Cross-check of the action graph's cache hits against the compiles `go build -x` printed for
// the same target in the same cache state (parse/build-x.ts reads the -x text). Pure.
import type { BuildAction } from '../parse/actiongraph.js';
import { compiledPackagesFromBuildX } from '../parse/build-x.js';
import { compileOutcome, isCompileAction } from './build-actions.js';

/** How the action graph's cache hits compare with the compiles `go build -x` printed. */
export interface BuildXAgreement {
  /** Compile actions in the action graph that completed (ran or came from the cache). */
  compileActions: number;
  /** Cache hits according to the action graph (compile actions that ran no tool). */
  graphHits: number;
  /** Compiler invocations in the `go build -x` output. */
  xCompiles: number;
  /** Compile actions `go build -x` shows no compile command for: compileActions - xCompiles. */
  xNotRun: number;
  /** `-p` values compiled per the graph but absent from the -x output (as a multiset). */
  onlyInGraph: string[];
  /** `-p` values compiled per the -x output but not per the graph (as a multiset). */
  onlyInX: string[];
  /** Hit counts equal and the same packages compiled. */
  agrees: boolean;
}

function multisetMinus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    else out.push(x);
  }
  return out.sort();
}

/**
 * Compares a build's action graph with the `-p` values of `go build -x` of the same target
 * in the same cache state. Packages are compared by the compiler's `-p` value, read from each
 * compiled action's own Cmd, so a command's `main` matches.
 */
export function compareWithBuildX(
  actions: readonly BuildAction[],
  compiledByX: readonly string[],
): BuildXAgreement {
  const compiles = actions.filter(isCompileAction);
  const done = compiles.filter((a) => {
    const o = compileOutcome(a);
    return o === 'ran' || o === 'cached';
  });
  const graphHits = done.filter((a) => compileOutcome(a) === 'cached').length;
  const graphCompiled = done
    .filter((a) => compileOutcome(a) === 'ran')
    .flatMap((a) => compiledPackagesFromBuildX((a.cmd ?? []).join('\n')));
  const onlyInGraph = multisetMinus(graphCompiled, [...compiledByX]);
  const onlyInX = multisetMinus([...compiledByX], graphCompiled);
  const xNotRun = done.length - compiledByX.length;
  return {
    compileActions: done.length,
    graphHits,
    xCompiles: compiledByX.length,
    xNotRun,
    onlyInGraph,
    onlyInX,
    agrees: graphHits === xNotRun && onlyInGraph.length === 0 && onlyInX.length === 0,
  };
}
