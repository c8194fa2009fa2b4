// Properties of the virtualization decision over damaged /proc and /sys texts (see
// test/support/fuzz.ts for the contract).
import fc from 'fast-check';
import { detectVirtualization } from '../../src/probe/virtualization.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, nastyText } from '../support/mutations.js';
import { probeTexts } from '../support/probe-texts.js';

const TOKENS = ['docker', 'kubepods', 'libpod', 'kvm-clock', 'hyperv_clocksource_tsc_page', 'WSL2'];
const text = (prefix: string): fc.Arbitrary<string | null> =>
  fc.option(mutatedText(probeTexts(prefix), TOKENS, 3), { nil: null });
const short = fc.option(nastyText(TOKENS), { nil: null });

export const properties = [
  parserProperty({
    name: 'virtualization: damaged /proc and /sys facts give a verdict, never an error',
    input: fc.record({
      procVersion: text('version'),
      cpuFlags: fc.array(nastyText(['hypervisor']), { maxLength: 4 }),
      dmi: fc.record({ sysVendor: short, productName: short, biosVendor: short }),
      hypervisorType: short,
      clocksources: text('available_clocksource'),
      selfCgroup: text('self-cgroup'),
      mountinfo: text('mountinfo'),
      dockerenv: fc.boolean(),
      containerenv: fc.boolean(),
      systemdContainer: short,
      pid1Container: short,
      pid2Comm: short,
      env: fc.dictionary(
        fc.constantFrom('container', 'KUBERNETES_SERVICE_HOST', 'WSL_DISTRO_NAME', 'WSL_INTEROP'),
        nastyText(),
      ),
    }),
    parse: (facts) => detectVirtualization(facts),
    errors: [],
    runs: 1000,
  }),
];

fuzzTests(import.meta.url, properties);
