import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  ActionGraphParseError,
  actionWallNs,
  compileActionOf,
  linkWallNs,
  parseActionGraph,
  parseRfc3339Ns,
} from '../../src/parse/actiongraph.js';
import { fixturePath } from '../support/paths.js';

const captured = readFileSync(fixturePath('actiongraph-net-http-cold-go1.26.8.json'), 'utf8');

test('parses a real cold `go build -debug-actiongraph` of net/http (go1.26.8)', () => {
  const actions = parseActionGraph(captured);
  assert.equal(actions.length, 368);
  const compile = compileActionOf(actions, 'net/http');
  assert.ok(compile);
  assert.equal(compile.id, 1);
  assert.equal(compile.needBuild, true);
  assert.match(compile.cmd?.[0] ?? '', /\/compile /);
  // Go 1.26 records the compiler's own times; the action's wall time is CmdReal.
  assert.equal(compile.cmdRealNs, 2198240560);
  assert.equal(actionWallNs(compile), 2198240560);
  assert.equal(compile.cmdUserNs, 3337706000);
});

test('timestamps keep nanoseconds', () => {
  const a = parseRfc3339Ns('2026-11-26T06:55:04.419836389Z');
  const b = parseRfc3339Ns('2026-11-26T06:55:06.643783039Z');
  assert.equal(b - a, 2223946650n);
  assert.equal(parseRfc3339Ns('1970-01-01T00:00:01Z'), 1_000_000_000n);
  assert.equal(parseRfc3339Ns('1970-01-01T01:00:01.5+01:00'), 1_500_000_000n);
});

test('without CmdReal (Go before 1.26) the wall time is TimeDone - TimeStart', () => {
  const [a] = parseActionGraph(
    JSON.stringify([
      {
        ID: 0,
        Mode: 'build',
        Package: 'p',
        TimeStart: '2026-01-01T00:00:00.000000100Z',
        TimeDone: '2026-01-01T00:00:01.000000100Z',
        Cmd: ['compile'],
      },
    ]),
  );
  assert.ok(a);
  assert.equal(actionWallNs(a), 1_000_000_000);
});

test('actions that never ran have no wall time', () => {
  const [a] = parseActionGraph(
    '[{"ID":0,"Mode":"build","TimeStart":"0001-01-01T00:00:00Z","Cmd":null}]',
  );
  assert.ok(a);
  assert.equal(actionWallNs(a), null);
});

test('malformed graphs are clear errors', () => {
  for (const bad of [
    '',
    '{"ID":0}',
    '[1]',
    '[{"ID":"x","Mode":"build"}]',
    '[{"ID":0,"Mode":"build","Deps":"1"}]',
    '[{"ID":0,"Mode":"build","TimeStart":"yesterday"}]',
    '[{"ID":0,"Mode":"build","CmdReal":"fast"}]',
    captured.slice(0, 1000),
  ]) {
    assert.throws(() => parseActionGraph(bad), ActionGraphParseError, bad.slice(0, 40));
  }
});

test('a JSON syntax error is reported on one line, although JSON.parse quotes the input (found by fuzzing)', () => {
  const bad = '[\n {\n  "ID": 0,\n  "Mode": "x",\n  "Cmd": /null\n }\n]';
  assert.throws(
    () => parseActionGraph(bad),
    (err: Error) => err instanceof ActionGraphParseError && !err.message.includes('\n'),
  );
});

test('link time: the link actions that ran, summed; null when nothing was linked', () => {
  const hello = parseActionGraph(
    readFileSync(fixturePath('actiongraph-hello-link-go1.26.8.json'), 'utf8'),
  );
  assert.equal(linkWallNs(hello), 90393533);
  // net/http alone is a library: no link.
  assert.equal(linkWallNs(parseActionGraph(captured)), null);
  const link = (id: number, real: number | null, cmd: string[] | null) => ({
    ID: id,
    Mode: 'link',
    Package: `m/cmd/x${id}`,
    Cmd: cmd,
    CmdReal: real,
  });
  const two = parseActionGraph(
    JSON.stringify([link(0, 300, ['link']), link(1, 200, ['link']), link(2, 999, null)]),
  );
  assert.equal(linkWallNs(two), 500, 'a cached link (no Cmd) did not run');
});
