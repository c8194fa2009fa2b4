import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toolchainZip } from '../../src/measure/toolchains.js';

test("a fetched toolchain's download zip sits in the module download cache beside its .ziphash", () => {
  assert.equal(
    toolchainZip('/c/tc', '/c/tc/golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64'),
    '/c/tc/cache/download/golang.org/toolchain/@v/v0.0.1-go1.27.3.linux-amd64.zip',
  );
  // Not a toolchain gobaseline fetched: nothing to remove.
  assert.equal(toolchainZip('/c/tc', '/usr/local/go'), null);
  assert.equal(
    toolchainZip('/c/tc', '/other/golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64'),
    null,
  );
});
