// Parser for the commands `go build -x` prints on stderr: which packages the compiler ran for.
// An independent view of the cache: a package served from GOCACHE has no compile command.
// Pure: text in, data out.
import type { BuildAction } from './actiongraph.js';
import { compileOutcome, isCompileAction } from './build-graph.js';

/**
 * Splits one printed command into words: the go command quotes a word that needs it with
 * double quotes (Go syntax, backslash escapes) and the shell lines it writes use single quotes.
 */
export function splitCommandWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '"') {
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        word += line[i];
      }
    } else if (c === "'") {
      for (i++; i < line.length && line[i] !== "'"; i++) word += line[i];
    } else {
      word += c;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function isCompileTool(word: string): boolean {
  const base = word.slice(word.lastIndexOf('/') + 1);
  return base === 'compile' || base === 'compile.exe';
}

/**
 * The `-p` value (the package path; `main` for commands) of every compiler invocation in
 * `go build -x` output, in order. Here-document bodies (importcfg files) are skipped, and a
 * compiler started through -toolexec is found after its wrapper.
 */
export function compiledPackagesFromBuildX(stderr: string): string[] {
  const packages: string[] = [];
  let heredocEnd: string | null = null;
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd();
    if (heredocEnd !== null) {
      if (line === heredocEnd) heredocEnd = null;
      continue;
    }
    const heredoc = /<<\s*'([^']+)'/.exec(line);
    if (heredoc) {
      heredocEnd = heredoc[1] ?? null;
      continue;
    }
    const words = splitCommandWords(line);
    const tool = words.findIndex(isCompileTool);
    if (tool < 0) continue;
    const p = words.indexOf('-p', tool + 1);
    const pkg = p < 0 ? undefined : words[p + 1];
    if (pkg !== undefined) packages.push(pkg);
  }
  return packages;
}

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
