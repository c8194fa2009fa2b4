// The pure half of `npm run docs:examples`: which steps to run, and how a page's marked regions
// are rewritten with their output. No I/O here, so it is tested without running anything.

/** One command run as a user would; its stdout is what a page shows. */
export interface Step {
  id: string;
  /** Arguments after `gobaseline`. */
  args: string[];
  /** Exit codes that count as success (default: 0). */
  ok?: number[];
  /** Steps whose files this one reads (they run first when only some steps are asked for). */
  needs?: string[];
  /**
   * Environment variables set for this step only, shown before the command as a shell would take
   * them; `$PWD` in a value is the directory the steps run in (shown as is, in double quotes).
   */
  env?: Record<string, string>;
  /** The command line shown instead of `gobaseline ARGS` (a curl call in docs/serve.md). */
  shown?: string;
}

/** `<!-- example: ID -->` or `<!-- example: ID head=N -->` ... `<!-- /example -->`. */
const REGION = /(<!-- example: ([\w-]+)(?: head=(\d+))? -->\n)[\s\S]*?(<!-- \/example -->)/g;
/** Where a page says when and on what machine its output was taken. */
const TAKEN = /(<!-- taken -->)[\s\S]*?(<!-- \/taken -->)/;

/** Step ids that a page's regions name, in order of appearance. */
export function regionIds(page: string): string[] {
  return [...page.matchAll(REGION)].map((m) => m[2] as string);
}

/** The steps to run: those named (all if none) and, before them, the steps they need. */
export function selectSteps(all: readonly Step[], wanted: readonly string[]): Step[] {
  if (wanted.length === 0) return [...all];
  const unknown = wanted.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown example step(s): ${unknown.join(', ')}`);
  const chosen = new Set<string>();
  const add = (id: string): void => {
    if (chosen.has(id)) return;
    chosen.add(id);
    for (const n of all.find((s) => s.id === id)?.needs ?? []) add(n);
  };
  wanted.forEach(add);
  return all.filter((s) => chosen.has(s.id));
}

/**
 * The fenced block a page shows for one step: the command line as a user types it (paths inside
 * the repository made relative to it), then its output, cut after `head` lines if given.
 */
export function renderBlock(step: Step, stdout: string, repoRoot: string, head?: number): string {
  const shown = step.args.map((a) =>
    a.startsWith(`${repoRoot}/`) ? a.slice(repoRoot.length + 1) : a,
  );
  const assignments = Object.entries(step.env ?? {}).map(([k, v]) =>
    v.includes('$PWD') ? `${k}="${v}"` : quoteArg(`${k}=${v}`),
  );
  const command =
    step.shown !== undefined
      ? `$ ${step.shown}`
      : ['$', ...assignments, 'gobaseline', ...shown.map(quoteArg)].join(' ');
  let lines = stdout.replace(/\s+$/, '').split('\n');
  if (head !== undefined && lines.length > head) lines = [...lines.slice(0, head), '...'];
  return ['```text', command, ...lines, '```', ''].join('\n');
}

function quoteArg(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/**
 * Rewrites the regions of one page whose step has an output; when any changed, the page's
 * `taken` region too. Regions without output keep what they had.
 */
export function rewritePage(
  page: string,
  outputs: ReadonlyMap<string, string>,
  steps: readonly Step[],
  repoRoot: string,
  taken: string,
): { text: string; changed: boolean } {
  let changed = false;
  let text = page.replace(
    REGION,
    (whole, open: string, id: string, head: string | undefined, close: string) => {
      const stdout = outputs.get(id);
      const step = steps.find((s) => s.id === id);
      if (stdout === undefined || step === undefined) return whole;
      changed = true;
      const lines = head === undefined ? undefined : Number(head);
      return open + renderBlock(step, stdout, repoRoot, lines) + close;
    },
  );
  if (changed)
    text = text.replace(TAKEN, (_w, open: string, close: string) => open + taken + close);
  return { text, changed };
}
