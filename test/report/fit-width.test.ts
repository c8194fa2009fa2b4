import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstThatFits, joinToWidth, textWidth, wrapText } from '../../src/report/fit-width.js';

test('width counts characters, not bytes', () => {
  assert.equal(textWidth('│ 2.43 ms … 3.07 µs │\nab'), 21);
});

test('the first layout that fits wins; the last when none does', () => {
  const layouts = [() => 'x'.repeat(30), () => 'x'.repeat(20), () => 'x'.repeat(10)];
  assert.equal(firstThatFits(layouts, 25).length, 20);
  assert.equal(firstThatFits(layouts, 5).length, 10);
});

test('prose wraps at spaces with an indent; long words stay whole', () => {
  const text = '  startup/go-version: the first run was significantly slower than the rest';
  const wrapped = wrapText(text, 30);
  assert.ok(textWidth(wrapped) <= 30, wrapped);
  assert.equal(wrapped.replace(/\n +/g, ' '), text);
  assert.match(wrapped.split('\n')[1] ?? '', /^ {6}\S/);
  assert.equal(wrapText('a'.repeat(40), 30), 'a'.repeat(40));
});

test('a one-line summary breaks only between its parts', () => {
  assert.equal(
    joinToWidth(['go1.26.8', '2 threads', 'VM: kvm'], ' · ', 22),
    'go1.26.8 · 2 threads\nVM: kvm',
  );
  assert.equal(joinToWidth(['a', 'b'], ' · ', 80), 'a · b');
});
