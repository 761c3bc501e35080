import { describe, expect, test } from 'vitest';
import { isKasaneError } from '../../src/errors.ts';
import { readChartArchive } from '../../src/charts/tar.ts';
import { makeTgz, paxPath, type TarEntry } from './tar-writer.ts';

const chartYaml: TarEntry = { name: 'web/Chart.yaml', content: 'apiVersion: v2\nname: web\nversion: 1.0.0\n' };

function codeOf(entries: TarEntry[]): string {
  try {
    readChartArchive(makeTgz(entries), "'web-1.0.0.tgz'");
    return 'ok';
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

describe('readChartArchive', () => {
  test('reads the files below the top folder, without it', () => {
    const archive = readChartArchive(
      makeTgz([
        { name: 'web/', type: '5' },
        chartYaml,
        { name: 'web/templates/a.yaml', content: 'a: 1\n' },
        paxPath('web/templates/' + 'long-'.repeat(30) + '.yaml'),
        { name: 'ignored', content: 'b' },
      ]),
      'x',
    );
    expect(archive.top).toBe('web');
    expect([...archive.files.keys()]).toEqual(['Chart.yaml', 'templates/a.yaml', `templates/${'long-'.repeat(30)}.yaml`]);
    expect(Buffer.from(archive.files.get('templates/a.yaml')!).toString()).toBe('a: 1\n');
  });

  test.each([
    [
      'a path with ..',
      [chartYaml, { name: 'web/../../evil.txt', content: 'x' }],
      "charts/unsafe-archive: refusing chart archive 'web-1.0.0.tgz': it holds a path that leaves its folder 'web/../../evil.txt'",
    ],
    ['an absolute path', [chartYaml, { name: '/tmp/evil.txt', content: 'x' }], "charts/unsafe-archive: refusing chart archive 'web-1.0.0.tgz': it holds an absolute path '/tmp/evil.txt'"],
    [
      'a pax path that leaves',
      [chartYaml, paxPath('web/../evil.txt'), { name: 'web/fine.txt', content: 'x' }],
      "charts/unsafe-archive: refusing chart archive 'web-1.0.0.tgz': it holds a path that leaves its folder 'web/../evil.txt'",
    ],
    ['a symbolic link', [chartYaml, { name: 'web/templates', type: '2', link: '/etc' }], "charts/unsafe-archive: refusing chart archive 'web-1.0.0.tgz': 'web/templates' is a symbolic link"],
    ['a hard link', [chartYaml, { name: 'web/passwd', type: '1', link: '/etc/passwd' }], "charts/unsafe-archive: refusing chart archive 'web-1.0.0.tgz': 'web/passwd' is a hard link"],
    [
      'a file outside the top folder',
      [chartYaml, { name: 'other/x.yaml', content: 'x' }],
      "charts/unsafe-archive: refusing chart archive 'web-1.0.0.tgz': 'other/x.yaml' is outside the chart's folder 'web/'",
    ],
    [
      'a backslash',
      [chartYaml, { name: 'web\\..\\evil', content: 'x' }],
      "charts/unsafe-archive: refusing chart archive 'web-1.0.0.tgz': it holds a path with a backslash or NUL '\"web\\\\..\\\\evil\"'",
    ],
    ['the same path twice', [chartYaml, chartYaml], "charts/unsafe-archive: refusing chart archive 'web-1.0.0.tgz': 'web/Chart.yaml' is in it twice"],
    [
      'a file that is also a folder',
      [chartYaml, { name: 'web/t', content: 'x' }, { name: 'web/t/a.yaml', content: 'y' }],
      "charts/unsafe-archive: refusing chart archive 'web-1.0.0.tgz': 'web/t' is both a file and a folder",
    ],
    ['a device', [chartYaml, { name: 'web/dev', type: '3' }], "charts/unsafe-archive: refusing chart archive 'web-1.0.0.tgz': 'web/dev' is a character device"],
  ])('refuses an archive with %s', (_name, entries, expected) => {
    expect(codeOf(entries as TarEntry[])).toBe(expected);
  });

  test('refuses data that is not a gzip-compressed tar', () => {
    expect(() => readChartArchive(new Uint8Array([1, 2, 3]), 'x')).toThrow(/not gzip data/);
  });
});
