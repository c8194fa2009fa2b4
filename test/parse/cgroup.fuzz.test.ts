// Properties of the cgroup parsers: /proc/self/cgroup, the limit files and the layout that maps
// memberships onto mountinfo (see test/support/fuzz.ts for the contract).
import fc from 'fast-check';
import {
  cgroupLayout,
  parseCfsQuota,
  parseCpuMax,
  parseMemoryLimit,
  parseProcSelfCgroup,
} from '../../src/parse/cgroup.js';
import { parseMountinfo } from '../../src/parse/mountinfo.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, nastyText, tokenSoup } from '../support/mutations.js';
import { finiteOrNull, probeTexts } from '../support/probe-texts.js';

const TOKENS = ['0::/', '4:memory:/', '1:cpu,cpuacct:/', 'max', '100000', '-1', 'kubepods', '..'];
const limit = fc.oneof(
  fc.constantFrom('max', 'max 100000', '150000 100000', '-1', '100000', '9223372036854771712'),
  nastyText(TOKENS),
  fc.tuple(nastyText(), nastyText()).map(([a, b]) => `${a} ${b}`),
);

export const properties = [
  parserProperty({
    name: '/proc/self/cgroup: damaged text with damaged mountinfo gives a layout, never an error',
    input: fc.tuple(
      fc.oneof(mutatedText(probeTexts('self-cgroup'), TOKENS), tokenSoup(TOKENS)),
      mutatedText(probeTexts('mountinfo'), TOKENS),
    ),
    parse: ([cgroup, mountinfo]: [string, string]) => {
      const memberships = parseProcSelfCgroup(cgroup);
      return { memberships, layout: cgroupLayout(memberships, parseMountinfo(mountinfo)) };
    },
    errors: [],
    check: ({ memberships }) => {
      for (const m of memberships) {
        if (!Number.isSafeInteger(m.hierarchyId)) throw new Error(`hierarchy ${m.hierarchyId}`);
      }
    },
  }),
  parserProperty({
    name: 'cgroup limit files: any text gives a positive finite limit or null, never an error',
    input: fc.tuple(limit, limit),
    parse: ([a, b]: [string, string]) => ({
      cpuMax: parseCpuMax(a),
      cfs: parseCfsQuota(a, b),
      memory: parseMemoryLimit(a),
    }),
    errors: [],
    check: (r) => {
      finiteOrNull(r.cpuMax, 'cpu.max cores', Number.MIN_VALUE);
      finiteOrNull(r.cfs, 'cfs quota cores', Number.MIN_VALUE);
      finiteOrNull(r.memory, 'memory limit', 0);
    },
  }),
];

fuzzTests(import.meta.url, properties);
