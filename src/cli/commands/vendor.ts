/**
 * `kasane vendor [--check]`: pulls the charts kasane.config.ts declares into vendor/charts/ and
 * writes the lock; `--check` verifies the vendor folder offline instead.
 */
import { Command } from 'commander';
import { countOf } from '../../errors.ts';
import { VENDOR_DIR } from '../../charts/lock.ts';
import { readVendorFolder, verifyVendored } from '../../charts/vendor-fs.ts';
import { vendorCharts, type VendorResult } from '../../charts/vendor.ts';
import { helmFor, loadChartProject, orFail } from '../chart-project.ts';
import { projectOption, reportFindings, type ProjectFlags } from '../context.ts';
import { EXIT, type CliIo } from '../io.ts';

const DRIFT = ['charts/not-vendored', 'charts/vendor-outdated', 'charts/vendor-changed'];

interface VendorFlags extends ProjectFlags {
  check?: boolean;
}

/** `kasane vendor`. */
export function makeVendorCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('vendor')
    .description(`pull the Helm charts kasane.config.ts declares into ${VENDOR_DIR}/ and lock their digests`)
    .addOption(projectOption())
    .option('--check', 'verify the vendor folder against the declarations and the lock, offline; exit 1 when it differs')
    .option('--json', 'print findings as JSON on stdout')
    .addHelpText(
      'after',
      `
Charts are declared in kasane.config.ts:
  charts: [
    { name: 'podinfo', repository: 'https://stefanprodan.github.io/podinfo', version: '6.14.1' },
    { name: 'cert-manager', repository: 'oci://quay.io/jetstack/charts', version: 'v1.21.1' },
    { name: 'web', repository: './charts/web' },
  ]

Examples:
  $ kasane vendor            pull what changed, keep what is vendored as locked
  $ kasane vendor --check    in CI: fail when vendor/charts/ does not match kasane.config.ts

Needs helm 3.17 or later (not 3.18.0) or helm 4 on PATH, or KASANE_HELM naming it.`,
    )
    .action(async (flags: VendorFlags) => setExit(await runVendor(io, flags)));
}

async function runVendor(io: CliIo, flags: VendorFlags): Promise<number> {
  const project = await loadChartProject(io, flags);
  if (flags.check) {
    const { findings } = await verifyVendored(project.root, project.sources);
    if (findings.length) {
      reportFindings(io, findings, project.root, flags);
      // A vendor folder that differs is a failed check (1); a lock that cannot be read is bad input (2).
      return findings.every((f) => DRIFT.includes(f.code)) ? EXIT.failed : EXIT.usage;
    }
    io.stderr(`${VENDOR_DIR}: ${countOf(project.sources.length, 'chart')} vendored as declared and locked\n`);
    return EXIT.ok;
  }
  if (project.sources.length === 0 && !(await readVendorFolder(project.root).catch(() => undefined))?.exists) {
    io.stderr('no charts declared in kasane.config.ts (charts: [{ name, repository, version }]): nothing to vendor\n');
    return EXIT.ok;
  }
  const helm = await helmFor(io, project.root, flags);
  const result = await orFail(
    io,
    project.root,
    flags,
    () => vendorCharts(project.root, project.sources, helm, String(process.pid)),
    `nothing changed in ${VENDOR_DIR}/: fix the errors above and run again`,
  );
  printResult(io, result);
  return EXIT.ok;
}

function printResult(io: CliIo, result: VendorResult): void {
  for (const c of result.charts) io.stderr(`${c.name}: ${c.chart} ${c.version} ${c.action}\n`);
  for (const name of result.removed) io.stderr(`${name}: removed (no longer declared)\n`);
  const counts = (['pulled', 'packaged', 'kept'] as const).map((a) => [a, result.charts.filter((c) => c.action === a).length] as const).filter(([, n]) => n > 0);
  const detail = counts.map(([a, n]) => `${n} ${a}`).join(', ');
  io.stderr(`${result.changed ? 'vendored' : 'already vendored'} ${countOf(result.charts.length, 'chart')} in ${VENDOR_DIR}${detail ? ` (${detail})` : ''}\n`);
}
