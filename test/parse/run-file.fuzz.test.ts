// Properties of the run file parser and of everything that reads its result (see
// test/support/fuzz.ts for the contract): a damaged run file is refused with a UsageError, or it
// renders in every `report --format` and compares with a real run without throwing.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { renderRun } from '../../src/cli/run-command.js';
import { UsageError } from '../../src/errors.js';
import { parseRunFile } from '../../src/parse/run-file.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { REPORTERS } from '../../src/cli/report-command.js';
import { compareInputs } from '../../src/report/compare.js';
import {
  checkCommonGround,
  prepareComparison,
  selectMetrics,
} from '../../src/report/compare-inputs.js';
import { renderCompare } from '../../src/report/compare-render.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedJson, tokenSoup } from '../support/mutations.js';
import { fixturePath } from '../support/paths.js';

const load = (name: string): RunRecord =>
  JSON.parse(readFileSync(fixturePath(`runs/${name}`), 'utf8')) as RunRecord;

/** A real run cut to a few samples and go env keys, so edits land on what readers use. */
function trimmed(name: string): RunRecord {
  const run = load(name);
  const env = run.fingerprint.go.env;
  run.fingerprint.go.env = { GOOS: env.GOOS ?? 'linux', GOARCH: env.GOARCH ?? 'amd64' };
  for (const s of run.scenarios) s.samples = s.samples.slice(0, 5);
  return run;
}

const a = trimmed('startup-a.json');
// The second fixture also carries what the first lacks: storage, a failed sample, a setup
// failure, --auto and a user --env setting.
const b = trimmed('startup-b.json');
b.config.userEnv = { GOMAXPROCS: '2' };
b.fingerprint.storage = [
  {
    name: 'GOROOT',
    path: '/usr/local/go',
    resolvedPath: '/usr/local/go',
    exists: true,
    symlinks: [{ link: '/usr/local/go', target: 'go1.26', resolvesTo: '/usr/local/go1.26' }],
    mountPoint: '/',
    fsType: 'ext4',
    fsClass: 'disk',
    source: '/dev/vda1',
    device: '254:1',
    mountOptions: ['rw'],
    block: null,
    notes: [],
  },
];
const [first, second] = b.scenarios;
if (first) {
  first.samples.push({
    seq: 99,
    ok: false,
    metrics: { wallNs: 1e6 },
    failure: { reason: 'exit status 1', stderrTail: 'go: boom' },
  });
  first.auto = { stop: 'time-budget', ciHalfWidth: 0.04, target: 0.02 };
}
if (second) second.setupFailure = { reason: 'setup failed', stderrTail: '' };

const TOKENS = ['"wallNs"', '"ns"', '"bytes"', '"ok"', '"samples"', 'null', '[]', '{}'];

/** Renders a record in every format and compares it both ways with a real run. */
function readAll(run: RunRecord): void {
  for (const [name, reporter] of Object.entries(REPORTERS)) {
    if (name === 'table') {
      renderRun(run, 'wide');
      renderRun(run, 60);
    } else reporter.render(run);
  }
  for (const pair of [
    [run, a],
    [a, run],
  ] as const) {
    const prepared = prepareComparison(
      pair.map((r, i) => ({ path: `run${i}.json`, kind: 'run' as const, run: r })),
    );
    const metrics = selectMetrics(prepared, undefined);
    try {
      checkCommonGround(prepared.inputs, metrics);
    } catch (err) {
      if (err instanceof UsageError) continue; // nothing in common: compare refuses it clearly
      throw err;
    }
    const report = compareInputs(prepared.inputs, metrics, { alpha: 0.05, confidence: 0.95 });
    for (const format of ['table', 'md', 'csv', 'json'] as const) renderCompare(report, format);
  }
}

export const properties = [
  parserProperty({
    name: 'run file: a damaged run parses, renders and compares, or fails with UsageError',
    input: fc.oneof(
      { arbitrary: mutatedJson([a, b], 4, TOKENS), weight: 9 },
      { arbitrary: tokenSoup(TOKENS), weight: 1 },
    ),
    parse: (text: string) => parseRunFile(text, 'run.json'),
    errors: [UsageError],
    check: (run: RunRecord) => readAll(run),
    runs: 1000,
  }),
];

fuzzTests(import.meta.url, properties);
