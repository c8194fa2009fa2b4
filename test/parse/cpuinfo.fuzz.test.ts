// Properties of the /proc/cpuinfo parser (see test/support/fuzz.ts for the contract).
import fc from 'fast-check';
import { parseCpuinfo, type CpuinfoFacts } from '../../src/parse/cpuinfo.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, tokenSoup } from '../support/mutations.js';
import { finiteOrNull, probeTexts } from '../support/probe-texts.js';

const TOKENS = [
  'processor\t: 0',
  'physical id\t: ',
  'core id\t: ',
  'cpu cores\t: ',
  'cpu MHz\t\t: ',
];

function checkCpuinfo(f: CpuinfoFacts): void {
  if (!Number.isSafeInteger(f.threads) || f.threads < 0) throw new Error(`threads ${f.threads}`);
  finiteOrNull(f.sockets, 'sockets', 1);
  finiteOrNull(f.cores, 'cores', 1);
  finiteOrNull(f.mhz, 'mhz', 0);
}

export const properties = [
  parserProperty({
    name: '/proc/cpuinfo: damaged text gives facts, never an error',
    input: fc.oneof(mutatedText(probeTexts('cpuinfo'), TOKENS), tokenSoup(TOKENS)),
    parse: (text: string) => parseCpuinfo(text),
    errors: [],
    check: checkCpuinfo,
  }),
];

fuzzTests(import.meta.url, properties);
