// Properties of the pure parts of the storage probe: classifying filesystem types and block
// devices from sysfs facts, resolving sysfs links (see test/support/fuzz.ts for the contract).
import fc from 'fast-check';
import {
  classifyBlockDevice,
  classifyFilesystem,
  resolveSysfsLink,
} from '../../src/probe/storage.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { nastyText } from '../support/mutations.js';

const TOKENS = ['nvme0n1', 'vda', 'sda', 'dm-0', 'zram0', 'loop0', '/virtio1/', '/nvme/', '../..'];
const kind = fc.constantFrom(
  ...([
    'nvme',
    'ssd',
    'rotational',
    'virtio',
    'xen',
    'hyperv',
    'mmc',
    'loop',
    'ram',
    'unknown',
  ] as const),
);
const text = fc.oneof(nastyText(TOKENS), fc.string({ maxLength: 40 }));

export const properties = [
  parserProperty({
    name: 'storage: any sysfs facts and filesystem type classify, never an error',
    input: fc.record({
      name: text,
      sysfsPath: fc.array(text, { maxLength: 6 }).map((parts) => `/sys/devices/${parts.join('/')}`),
      rotational: fc.option(fc.boolean(), { nil: null }),
      underlying: fc.array(kind, { maxLength: 3 }),
      fsType: text,
      link: text,
    }),
    parse: (f) => ({
      block: classifyBlockDevice(f),
      fs: classifyFilesystem(f.fsType),
      target: resolveSysfsLink(`/sys/class/block/${f.name}`, f.link),
    }),
    errors: [],
  }),
];

fuzzTests(import.meta.url, properties);
