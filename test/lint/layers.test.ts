// The layer rules of .dependency-cruiser.mjs (run by `npm run lint` over src/) catch a wrong
// import: run over a small tree with one upward import, one cycle and one allowed import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cruise, type IFlattenedRuleSet, type IViolation } from 'dependency-cruiser';
import { fixturePath, repoRoot } from '../support/paths.js';

async function violationsIn(tree: string): Promise<IViolation[]> {
  const configUrl = pathToFileURL(path.join(repoRoot, '.dependency-cruiser.mjs')).href;
  const config = (await import(configUrl)).default as IFlattenedRuleSet;
  // The project's rules, over the tree's own src/ (the fixture is JavaScript: no tsconfig).
  const result = await cruise(['src'], {
    validate: true,
    ruleSet: { forbidden: config.forbidden ?? [] },
    baseDir: tree,
  });
  assert.equal(typeof result.output, 'object');
  return (result.output as Exclude<typeof result.output, string>).summary.violations;
}

test('an upward import and an import cycle are both reported; a downward import is not', async () => {
  const found = (await violationsIn(fixturePath('layers'))).map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
  }));
  assert.deepEqual(
    found.filter((v) => v.rule !== 'no-circular'),
    [
      {
        rule: 'no-upward-from-parse-record-stats',
        from: 'src/parse/reader.js',
        to: 'src/cli/main.js',
      },
    ],
  );
  const cycles = found.filter((v) => v.rule === 'no-circular');
  assert.ok(cycles.length > 0, 'the cycle is reported');
  for (const c of cycles) {
    assert.deepEqual([c.from, c.to].sort(), ['src/measure/a.js', 'src/measure/b.js']);
  }
  // report/ -> measure/ and cli/ -> report/ point down: allowed.
  assert.ok(!found.some((v) => v.from === 'src/report/render.js' || v.from === 'src/cli/main.js'));
});
