import assert from 'node:assert/strict';
import { test } from 'node:test';
import { regionIds, rewritePage, selectSteps, type Step } from '../../scripts/example-regions.js';

const steps: Step[] = [
  { id: 'run-a', args: ['run', '--json', 'a.json'] },
  { id: 'help', args: ['--help'] },
  { id: 'compare', args: ['compare', 'a.json'], needs: ['run-a'] },
  { id: 'svg', args: ['analyze', 'build', '--svg', '/repo/docs/images/b.svg'] },
];

const page = [
  '# Page',
  '<!-- taken -->old date<!-- /taken -->',
  '<!-- example: compare -->',
  '```text',
  'old output',
  '```',
  '<!-- /example -->',
  'prose between',
  '<!-- example: help head=2 -->',
  'old help',
  '<!-- /example -->',
  '',
].join('\n');

test('regionIds lists the steps a page shows, in order', () => {
  assert.deepEqual(regionIds(page), ['compare', 'help']);
});

test('selectSteps adds the steps a chosen one needs, in catalogue order', () => {
  assert.deepEqual(
    selectSteps(steps, ['compare']).map((s) => s.id),
    ['run-a', 'compare'],
  );
  assert.equal(selectSteps(steps, []).length, steps.length);
  assert.throws(() => selectSteps(steps, ['nope']), /unknown example step\(s\): nope/);
});

test('rewritePage replaces only regions with output, cuts at head=N and dates the page', () => {
  const outputs = new Map([['help', 'line 1\nline 2\nline 3\n']]);
  const { text, changed } = rewritePage(page, outputs, steps, '/repo', 'NEW DATE');
  assert.ok(changed);
  assert.match(text, /<!-- taken -->NEW DATE<!-- \/taken -->/);
  assert.match(text, /old output/, 'a region whose step did not run keeps its output');
  assert.match(
    text,
    /<!-- example: help head=2 -->\n```text\n\$ gobaseline --help\nline 1\nline 2\n\.\.\.\n```\n<!-- \/example -->/,
  );
  assert.match(text, /prose between/);
});

test('rewritePage shows repository paths relative to it and leaves a page without output alone', () => {
  const svgPage = '<!-- taken -->x<!-- /taken -->\n<!-- example: svg -->\n<!-- /example -->\n';
  const { text } = rewritePage(svgPage, new Map([['svg', 'ok\n']]), steps, '/repo', 'd');
  assert.match(text, /\$ gobaseline analyze build --svg docs\/images\/b\.svg\nok\n/);
  assert.deepEqual(rewritePage(page, new Map(), steps, '/repo', 'd'), {
    text: page,
    changed: false,
  });
});

test('a step with its own environment shows the assignments before the command', () => {
  const steps: Step[] = [
    { id: 'doc', args: ['doctor', '--quick'], env: { GOFLAGS: '-a -count=1', GO111MODULE: 'off' } },
  ];
  const page = '<!-- example: doc -->\n<!-- /example -->\n';
  const { text } = rewritePage(page, new Map([['doc', 'out\n']]), steps, '/repo', 'now');
  assert.match(text, /\n\$ 'GOFLAGS=-a -count=1' GO111MODULE=off gobaseline doctor --quick\nout\n/);
});
