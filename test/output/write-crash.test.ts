/**
 * A render killed at any step of writing loses nothing: every entry kasane did not write is
 * still there (in the environment folder or in a hidden folder beside it), the clean-up leaves
 * each environment entirely old or entirely new, and the next render writes the new output.
 * Each case runs a real process and kills it with SIGKILL before one step.
 */
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';
import { recoverOutput, writeEnvironments } from '../../src/output/write.ts';
import { rendered } from '../helpers/rendered.ts';

const tmp = (prefix = 'kasane-crash-') => mkdtempSync(path.join(tmpdir(), prefix));
let driver = '';

beforeAll(async () => {
  driver = path.join(tmp('kasane-driver-'), 'write-driver.mjs');
  await build({ entryPoints: [path.resolve(import.meta.dirname, '../helpers/write-driver.ts')], outfile: driver, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
});

type Envs = Record<string, Record<string, string>>;
const OLD: Envs = { dev: { 'api/a.yaml': 'a1\n', 'api/b.yaml': 'b1\n' }, prod: { 'a.yaml': 'p1\n' } };
const NEW: Envs = { dev: { 'api/a.yaml': 'a2\n', 'web/c.yaml': 'c\n' }, prod: { 'a.yaml': 'p2\n' }, qa: { 'q.yaml': 'q\n' } };
const envList = (envs: Envs) => Object.entries(envs).map(([env, files]) => rendered(env, files));

/** Files with their text, links as `-> target`, empty folders as `/`: the whole state of a folder. */
function state(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    const names = readdirSync(path.join(dir, rel)).sort();
    if (rel && names.length === 0) out[rel] = '/';
    for (const name of names) {
      const child = rel ? `${rel}/${name}` : name;
      const stats = lstatSync(path.join(dir, child));
      if (stats.isDirectory()) walk(child);
      else if (stats.isSymbolicLink()) out[child] = `-> ${readlinkSync(path.join(dir, child))}`;
      else out[child] = readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return out;
}

/** The entries of dev that kasane did not write. */
const FOREIGN = { 'dev/NOTES.md': 'mine\n', 'dev/api/notes.md': 'also mine\n', 'dev/docs': '-> ../../shared', 'dev/drafts': '/' };

async function scenario(): Promise<string> {
  const out = tmp();
  await writeEnvironments(out, envList(OLD));
  writeFileSync(path.join(out, 'dev', 'NOTES.md'), 'mine\n');
  writeFileSync(path.join(out, 'dev', 'api', 'notes.md'), 'also mine\n');
  symlinkSync('../../shared', path.join(out, 'dev', 'docs'));
  mkdirSync(path.join(out, 'dev', 'drafts'));
  return out;
}

/** What `out` holds when every environment is as `envs` renders it (plus the foreign entries). */
async function expected(envs: Envs): Promise<Record<string, string>> {
  const out = tmp();
  await writeEnvironments(out, envList(envs));
  return { ...state(out), ...FOREIGN };
}

/** The step names of writing NEW over the scenario, in order. */
async function steps(): Promise<string[]> {
  const names: string[] = [];
  await writeEnvironments(await scenario(), envList(NEW), { onStep: (s) => names.push(s) });
  return names;
}

function killedAt(out: string, step: number): void {
  const r = spawnSync(process.execPath, [driver, out, JSON.stringify(NEW), String(step)], { encoding: 'utf8' });
  expect(r.signal, r.stderr).toBe('SIGKILL');
}

/** Every foreign entry, found by its relative path in dev or in a hidden folder of dev. */
function foreignSomewhere(out: string): Record<string, string> {
  const all = state(out);
  const found: Record<string, string> = {};
  for (const [file, value] of Object.entries(FOREIGN)) {
    const rel = file.slice('dev/'.length);
    const hit = Object.keys(all).find((k) => (k === file || /^\.dev\.kasane-[^/]+\//.test(k)) && k.endsWith(`/${rel}`) && all[k] === value);
    if (hit) found[file] = value;
  }
  return found;
}

describe('writeEnvironments killed at each step', () => {
  test('loses nothing, and the clean-up leaves the old or the new output, never a mix', async () => {
    const names = await steps();
    expect(names).toContain('journal:commit');
    expect(names).toContain('swap:dev');
    expect(names.some((n) => n.startsWith('dev:remove:'))).toBe(true);
    const [before, after] = [await expected(OLD), await expected(NEW)];
    const committed = names.indexOf('journal:commit');
    for (const [index, name] of names.entries()) {
      const out = await scenario();
      killedAt(out, index);
      expect(foreignSomewhere(out), `killed before ${name}`).toEqual(FOREIGN);
      recoverOutput(out);
      const { '.kasane-lock': lock, ...recovered } = state(out);
      expect(lock, `killed before ${name}`).toBeDefined();
      expect(recovered, `killed before ${name}`).toEqual(index > committed ? after : before);
      // The next render takes over the dead process's lock and writes the new output.
      await writeEnvironments(out, envList(NEW));
      expect(state(out), `killed before ${name}`).toEqual(after);
    }
  });

  test("a folder made again at the environment's place before the clean-up loses nothing", async () => {
    // The render is killed between its two renames; then `git checkout rendered/dev` brings
    // back the committed files, and then a render runs.
    const names = await steps();
    const out = await scenario();
    killedAt(out, names.indexOf('swap:dev'));
    expect(readdirSync(out)).not.toContain('dev');
    mkdirSync(path.join(out, 'dev', 'api'), { recursive: true });
    writeFileSync(path.join(out, 'dev', 'api', 'a.yaml'), 'a1\n');
    writeFileSync(path.join(out, 'dev', 'api', 'b.yaml'), 'b1\n');
    writeFileSync(
      path.join(out, 'dev', 'kustomization.yaml'),
      readFileSync(
        path.join(
          out,
          `.dev.kasane-old-${readdirSync(out)
            .find((n) => n.startsWith('.dev.kasane-old-'))!
            .slice('.dev.kasane-old-'.length)}`,
          'kustomization.yaml',
        ),
      ),
    );
    await writeEnvironments(out, envList(NEW));
    expect(state(out)).toEqual(await expected(NEW));
  });
});

describe('concurrent writers in separate processes', () => {
  test("each one writes or is refused with render/locked; the output is one writer's, whole", async () => {
    const out = await scenario();
    const versions = [1, 2, 3, 4].map((v): Envs => ({ dev: { 'api/a.yaml': `a${v}\n` }, prod: { 'a.yaml': `p${v}\n` } }));
    const runs = versions.map(
      (envs) =>
        new Promise<{ code: number | null; stdout: string }>((resolve) => {
          const child = spawn(process.execPath, [driver, out, JSON.stringify(envs)]);
          let stdout = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.on('close', (code) => resolve({ code, stdout }));
        }),
    );
    const results = await Promise.all(runs);
    for (const r of results) expect(r.code === 0 || (r.code === 2 && r.stdout === 'render/locked\n'), JSON.stringify(r)).toBe(true);
    expect(results.some((r) => r.code === 0)).toBe(true);
    const final = state(out);
    const matches = await Promise.all(versions.map(async (v) => isDeepStrictEqual(final, await expected(v))));
    expect(matches.filter(Boolean)).toHaveLength(1);
  });
});
