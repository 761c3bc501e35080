import { describe, expect, test } from 'vitest';
import { overrideImage, parseImage } from '../../../src/overlay/transforms/images.ts';

describe('parseImage', () => {
  test('keeps a registry port in the name when splitting', () => {
    expect(parseImage('reg.io:5000/app:1@sha256:ab')).toEqual({ name: 'reg.io:5000/app', tag: '1', digest: 'sha256:ab' });
    expect(parseImage('reg.io:5000/app')).toEqual({ name: 'reg.io:5000/app' });
  });
});

// Expected images from `kubectl kustomize` (test/conformance/transforms/images-matching).
describe('overrideImage', () => {
  test.each([
    ['nginx@sha256:aaaa', { name: 'nginx', newTag: '2' }, 'nginx:2'],
    ['reg.io:5000/app:1', { name: 'reg.io:5000/app', newName: 'other.io/app2' }, 'other.io/app2:1'],
    ['redis:7', { name: 'redis', digest: 'sha256:cccc' }, 'redis@sha256:cccc'],
    ['busybox:1@sha256:bbbb', { name: 'busybox', newTag: '9' }, 'busybox:9'],
    ['alpine:3', { name: 'alpine', newTag: '4', digest: 'sha256:dddd' }, 'alpine:4@sha256:dddd'],
  ])('turns %s into the kubectl result when overriding', (image, override, expected) => {
    expect(overrideImage(image, override)).toBe(expected);
  });
});
