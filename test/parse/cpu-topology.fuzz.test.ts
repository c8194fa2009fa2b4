// Properties of the cpu list readers (sysfs lists, cpuset files, Cpus_allowed_list): see
// test/support/fuzz.ts for the contract.
import fc from 'fast-check';
import { parseCpuList, parseTopologyId } from '../../src/parse/cpu-topology.js';
import { parseCpusAllowedList } from '../../src/parse/proc-status.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { nastyText } from '../support/mutations.js';

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
];

fuzzTests(import.meta.url, properties);
