// Properties of the cpu list readers (sysfs lists, cpuset files, Cpus_allowed_list): see
// test/support/fuzz.ts for the contract.
import fc from 'fast-check';
import { parseCpuList, parseTopologyId } from '../../src/parse/cpu-topology.js';
import { parseLscpuJson } from '../../src/parse/lscpu.js';
import { parseCpusAllowedList } from '../../src/parse/proc-status.js';
import { fixturePath } from '../support/paths.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, nastyText } from '../support/mutations.js';
import fs from 'node:fs';

const LSCPU = fs.readFileSync(fixturePath('topology/this-vm-kvm-2cpu/lscpu.json'), 'utf8');
const LSCPU_TOKENS = ['"children": [', '"data": null', '"field": "Socket(s):"', '{', '}', ']'];

const TOKENS = ['0', '1', '-', ',', '0-3', '16-31', 'Cpus_allowed_list:\t', '\n', '-1'];

export const properties = [
  parserProperty({
    name: 'cpu lists: any text gives sorted distinct CPU numbers or null, never an error',
    input: fc.oneof(
      nastyText(TOKENS),
      fc.array(fc.constantFrom(...TOKENS)).map((t) => t.join('')),
    ),
    parse: (text: string) => ({
      list: parseCpuList(text),
      allowed: parseCpusAllowedList(text),
      id: parseTopologyId(text),
    }),
    errors: [],
    check: ({ list, allowed }) => {
      for (const cpus of [list, allowed]) {
        if (cpus === null) continue;
        cpus.forEach((c, i) => {
          if (!Number.isSafeInteger(c) || c < 0 || (i > 0 && c <= (cpus[i - 1] ?? -1))) {
            throw new Error(`bad list ${cpus.join(',')}`);
          }
        });
      }
    },
  }),
  parserProperty({
    name: 'lscpu -J: damaged real output gives counts or nulls, never an error',
    input: mutatedText([LSCPU], LSCPU_TOKENS),
    parse: (text: string) => parseLscpuJson(text),
    errors: [],
    check: (facts) => {
      for (const v of Object.values(facts)) {
        if (v !== null && !Number.isSafeInteger(v)) throw new Error(`count ${v}`);
      }
    },
  }),
];

fuzzTests(import.meta.url, properties);
