// Properties of the fio JSON parser (see test/support/fuzz.ts for the contract).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { FioParseError, parseFioJson, type FioReadLatency } from '../../src/parse/fio-output.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedJson, mutatedText } from '../support/mutations.js';
import { fixturePath } from '../support/paths.js';

const text = readFileSync(fixturePath('fio/randread-4k-qd1-direct-fio3.33.json'), 'utf8');
const doc = JSON.parse(text) as { jobs: { error: number; read: Record<string, unknown> }[] };
const read = doc.jobs[0]?.read ?? {};
// The fields the parser reads, alone: random edits of this hit them far more often.
const reduced = {
  'fio version': 'fio-3.33',
  jobs: [{ error: 0, read: { lat_ns: read.lat_ns, clat_ns: read.clat_ns } }],
};
const TOKENS = ['"lat_ns"', '"clat_ns"', '"percentile"', '"50.000000"', '"99.000000"', '"N"'];

function checkLatency(lat: FioReadLatency): void {
  assert.ok(Number.isSafeInteger(lat.ios) && lat.ios > 0, `ios ${lat.ios}`);
  for (const v of [lat.meanNs, lat.minNs, lat.maxNs, lat.p50Ns, lat.p99Ns]) {
    assert.ok(Number.isFinite(v) && v >= 0, `latency ${v}`);
  }
}

export const properties = [
  parserProperty({
    name: 'fio JSON: a damaged report parses or fails with FioParseError',
    input: fc.oneof(
      { arbitrary: mutatedJson([doc, reduced, reduced], 4, TOKENS), weight: 4 },
      {
        arbitrary: mutatedText([`note: both iodepth >= 1 and synchronous\n${text}`], TOKENS),
        weight: 1,
      },
    ),
    parse: (t: string) => parseFioJson(t),
    errors: [FioParseError],
    check: checkLatency,
  }),
];

fuzzTests(import.meta.url, properties);
