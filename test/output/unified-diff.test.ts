import { describe, expect, test } from 'vitest';
import { diffLines, unifiedDiff } from '../../src/output/unified-diff.ts';

describe('diffLines', () => {
  test('finds the shortest edit script', () => {
    const edits = diffLines(['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c']);
    expect(edits.filter((e) => e.op !== ' ').length).toBe(5);
    const after = edits.filter((e) => e.op !== '-').map((e) => e.line);
    const before = edits.filter((e) => e.op !== '+').map((e) => e.line);
    expect(after).toEqual(['c', 'b', 'a', 'b', 'a', 'c']);
    expect(before).toEqual(['a', 'b', 'c', 'a', 'b', 'b', 'a']);
  });
});

describe('unifiedDiff', () => {
  test('is empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n', { from: 'a', to: 'b' })).toBe('');
  });

  test('prints hunks with three lines of context as diff -u does', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const after = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10'].join('\n') + '\n';
    expect(unifiedDiff(before, after, { from: 'a/x', to: 'b/x' })).toBe(['--- a/x', '+++ b/x', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'));
  });

  test('joins nearby changes into one hunk and keeps far ones apart', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `l${i + 1}`);
    const changed = [...lines];
    changed[1] = 'X';
    changed[5] = 'Y';
    changed[25] = 'Z';
    const diff = unifiedDiff(lines.join('\n') + '\n', changed.join('\n') + '\n', { from: 'a', to: 'b' });
    expect(diff.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,9 +1,9 @@', '@@ -23,7 +23,7 @@']);
  });

  test('shows a new file against /dev/null', () => {
    expect(unifiedDiff('', 'a\nb\n', { from: '/dev/null', to: 'b/f' })).toBe('--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });
});
