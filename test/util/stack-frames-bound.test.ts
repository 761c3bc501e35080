import { expect, test } from 'vitest';
import { registerSourceMap, userFrameAt } from '../../src/util/stack-frames.ts';

test('source maps of bundles loaded one after another are kept for the latest bundles only', () => {
  const bundles = Array.from({ length: 40 }, (_, i) => `/tmp/kasane-bound-test/bundle-${i}.mjs`);
  for (const [i, file] of bundles.entries()) registerSourceMap(file, (line, column) => ({ file: `/project/components/c${i}.ts`, line: line + 100, column }));
  // The latest bundle still maps to the user's file ...
  expect(userFrameAt(bundles[39]!, 3, 7)).toEqual({ file: '/project/components/c39.ts', line: 103, column: 7 });
  // ... the first ones' maps were let go: their frames name the bundle itself.
  expect(userFrameAt(bundles[0]!, 3, 7)).toEqual({ file: bundles[0], line: 3, column: 7 });
  // Registering a bundle again makes it the latest, not a second entry.
  registerSourceMap(bundles[30]!, () => ({ file: '/project/again.ts', line: 1, column: 1 }));
  expect(userFrameAt(bundles[30]!, 3, 7)).toEqual({ file: '/project/again.ts', line: 1, column: 1 });
});
