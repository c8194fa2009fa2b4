// Properties of the /proc/self/mountinfo parser and the storage classifiers that read its
// entries (see test/support/fuzz.ts for the contract).
import fc from 'fast-check';
import { parseMountinfo, rootMount, type MountInfoEntry } from '../../src/parse/mountinfo.js';
import { classifyFilesystem, mountForPath } from '../../src/probe/storage.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, tokenSoup } from '../support/mutations.js';
import { probeTexts } from '../support/probe-texts.js';

const TOKENS = [' - ', 'shared:1', 'master:2', '\\040', '\\134', 'overlay', 'lowerdir=', 'cgroup2'];

function checkEntries(entries: MountInfoEntry[]): void {
  for (const e of entries) {
    for (const id of [e.mountId, e.parentId]) {
      if (!Number.isSafeInteger(id) || id < 0)
        throw new Error(`mount id ${id} in ${JSON.stringify(e)}`);
    }
  }
}

export const properties = [
  parserProperty({
    name: '/proc/self/mountinfo: damaged text gives mounts (malformed lines skipped), never an error',
    input: fc.tuple(
      fc.oneof(mutatedText(probeTexts('mountinfo'), TOKENS), tokenSoup(TOKENS)),
      fc.oneof(fc.constantFrom('/', '/usr/local/go', '/tmp/x', '/proc', ''), fc.string()),
    ),
    parse: ([text, where]: [string, string]) => {
      const mounts = parseMountinfo(text);
      const at = mountForPath(mounts, where);
      return { mounts, root: rootMount(mounts), at, fs: at && classifyFilesystem(at.fsType) };
    },
    errors: [],
    check: ({ mounts }) => checkEntries(mounts),
  }),
];

fuzzTests(import.meta.url, properties);
