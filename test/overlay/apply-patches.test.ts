import { describe, expect, test } from 'vitest';
import type { Resource } from '../../src/k8s/resource.ts';
import { applyPatches } from '../../src/overlay/apply-patches.ts';
import { jsonPatch, patch, strategicMerge } from '../../src/define/patch.ts';

const cm = (name: string, data: Record<string, string> = { a: '1' }, namespace?: string): Resource => ({
  object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) }, data },
  component: 'c',
});

/** ConfigMaps `settings` in each of `namespaces`. */
const settingsIn = (...namespaces: string[]): Resource[] => namespaces.map((ns) => cm('settings', { a: '1' }, ns));

describe('applyPatches', () => {
  test('applies function, strategic merge and JSON patches in order', () => {
    const r = applyPatches(
      [cm('one'), cm('two')],
      [
        patch('ConfigMap', 'one', (o) => {
          o.data = { ...o.data, b: '2' };
        }),
        strategicMerge({ kind: 'ConfigMap', name: 'one' }, { data: { a: null } }),
        jsonPatch({ kind: 'ConfigMap', name: 'two' }, [{ op: 'replace', path: '/data/a', value: 'x' }]),
      ],
      'dev',
    );
    expect(r.findings).toEqual([]);
    expect(r.resources.map((x) => x.object.data)).toEqual([{ b: '2' }, { a: 'x' }]);
    expect(r.resources[0]!.history!.map((h) => h.step)).toEqual(['patch (function)', 'patch (strategic-merge)']);
  });

  test('a top-level $patch: delete removes the object', () => {
    const r = applyPatches([cm('one'), cm('two'), cm('three')], [strategicMerge({ kind: 'ConfigMap', name: 'two' }, { $patch: 'delete' })], 'dev');
    expect(r.resources.map((x) => x.object.metadata.name)).toEqual(['one', 'three']);
  });

  test('a patch that matches nothing is an error with a suggestion, unless optional', () => {
    const r = applyPatches([cm('api-config')], [strategicMerge({ kind: 'ConfigMap', name: 'api-confg' }, { data: { a: '2' } })], 'dev');
    expect(r.findings.map((f) => [f.code, f.message])).toEqual([['overlay/patch-target-not-found', `patch target ConfigMap/api-confg matches no object (did you mean 'api-config'?)`]]);
    expect(applyPatches([cm('x')], [patch('ConfigMap', 'y', () => undefined, { optional: true })], 'dev').findings).toEqual([]);
  });

  test('a patch that matches nothing names the objects of its name that another field refused', () => {
    const r = applyPatches(settingsIn('tools'), [strategicMerge({ kind: 'ConfigMap', name: 'settings', namespace: '' }, { data: { a: '2' } })], 'dev');
    expect(r.findings.map((f) => [f.code, f.message])).toEqual([
      ['overlay/patch-target-not-found', 'patch target ConfigMap/settings, no namespace matches no object (ConfigMap/tools/settings has that name)'],
    ]);
  });

  test('never changes its inputs and reports a throwing function with its message', () => {
    const input = [cm('one')];
    const frozen = JSON.stringify(input);
    const r = applyPatches(
      input,
      [
        patch('ConfigMap', 'one', () => {
          throw new Error('boom');
        }),
      ],
      'dev',
    );
    expect(JSON.stringify(input)).toBe(frozen);
    expect(r.findings[0]).toMatchObject({ code: 'overlay/patch-threw', message: 'patch threw: boom', object: { kind: 'ConfigMap', name: 'one' } });
  });

  test('a patch may not change the identity of the object', () => {
    const r = applyPatches([cm('one')], [patch('ConfigMap', 'one', (o) => ({ ...o, kind: 'Secret' }) as never)], 'dev');
    expect(r.findings[0]!.code).toBe('overlay/patch-broke-object');
  });

  describe('a unique patch', () => {
    const body = { data: { a: '2' } };
    const codes = (r: ReturnType<typeof applyPatches>) => r.findings.map((f) => [f.code, f.message]);

    test('patches the one object it matches', () => {
      const r = applyPatches([...settingsIn('team-a'), cm('other')], [strategicMerge({ kind: 'ConfigMap', name: 'settings' }, body, { unique: true })], 'dev');
      expect(r.findings).toEqual([]);
      expect(r.resources.map((x) => x.object.data)).toEqual([{ a: '2' }, { a: '1' }]);
    });

    test('that matches nothing is an error, unless optional', () => {
      const missing = strategicMerge({ kind: 'ConfigMap', name: 'settings' }, body, { unique: true });
      expect(codes(applyPatches([cm('other')], [missing], 'dev'))).toEqual([['overlay/patch-target-not-found', 'patch target ConfigMap/settings matches no object']]);
      expect(applyPatches([cm('other')], [strategicMerge({ kind: 'ConfigMap', name: 'settings' }, body, { unique: true, optional: true })], 'dev').findings).toEqual([]);
    });

    test.each([
      ['function', patch('ConfigMap', 'settings', (o) => ({ ...o, data: { a: '2' } }), { unique: true })],
      ['strategic merge', strategicMerge({ kind: 'ConfigMap', name: 'settings' }, body, { unique: true })],
      ['JSON', jsonPatch({ kind: 'ConfigMap', name: 'settings' }, [{ op: 'replace', path: '/data/a', value: '2' }], { unique: true })],
      ['strategic merge delete', strategicMerge({ kind: 'ConfigMap', name: 'settings' }, { $patch: 'delete' }, { unique: true })],
    ])('(%s) that matches several objects is an error and changes none of them', (_kind, p) => {
      const input = settingsIn('team-a', 'team-b');
      const r = applyPatches(input, [p], 'dev');
      expect(r.findings).toEqual([
        {
          severity: 'error',
          code: 'overlay/patch-target-ambiguous',
          message: 'expected patch target ConfigMap/settings to match one object, found 2: ConfigMap/team-a/settings, ConfigMap/team-b/settings',
          hint: 'name the namespace (or another field) in the target so that it picks one object, or drop { unique: true } to patch every match',
          env: 'dev',
          source: p.source,
        },
      ]);
      expect(r.resources).toEqual(input);
    });

    test('that is optional may match at most one object', () => {
      const r = applyPatches(settingsIn('team-a', 'team-b'), [strategicMerge({ kind: 'ConfigMap', name: 'settings' }, body, { unique: true, optional: true })], 'dev');
      expect(codes(r)).toEqual([
        ['overlay/patch-target-ambiguous', 'expected patch target ConfigMap/settings to match at most one object, found 2: ConfigMap/team-a/settings, ConfigMap/team-b/settings'],
      ]);
    });

    test('names the first few objects it matches and counts the rest', () => {
      const r = applyPatches(settingsIn('a', 'b', 'c', 'd', 'e'), [strategicMerge({ kind: 'ConfigMap', name: 'settings' }, body, { unique: true })], 'dev');
      expect(codes(r)).toEqual([
        ['overlay/patch-target-ambiguous', 'expected patch target ConfigMap/settings to match one object, found 5: ConfigMap/a/settings, ConfigMap/b/settings, ConfigMap/c/settings and 2 more'],
      ]);
    });

    test('with a namespace in its target picks one of several objects of that name', () => {
      const r = applyPatches(settingsIn('team-a', 'team-b'), [strategicMerge({ kind: 'ConfigMap', name: 'settings', namespace: 'team-b' }, body, { unique: true })], 'dev');
      expect(r.findings).toEqual([]);
      expect(r.resources.map((x) => x.object.data)).toEqual([{ a: '1' }, { a: '2' }]);
    });

    test('without unique, a patch changes every object it matches', () => {
      const r = applyPatches(settingsIn('team-a', 'team-b'), [strategicMerge({ kind: 'ConfigMap', name: 'settings' }, body)], 'dev');
      expect(r.findings).toEqual([]);
      expect(r.resources.map((x) => x.object.data)).toEqual([{ a: '2' }, { a: '2' }]);
    });
  });

  // A ConfigMap written as `settings` in `build`, prefixed one level up and moved to `prod` in
  // the next, as test/conformance/kustomize/patch-*-former-* build it with kubectl.
  describe('former identities', () => {
    const moved = (): Resource => ({
      ...cm('web-settings', { a: '1' }, 'prod'),
      previousNames: ['settings'],
      previousIds: [
        { kind: 'ConfigMap', name: 'settings', namespace: 'build' },
        { kind: 'ConfigMap', name: 'web-settings', namespace: 'build' },
      ],
    });
    const body = { data: { a: '2' } };
    const data = (r: ReturnType<typeof applyPatches>) => r.resources.map((x) => x.object.data);

    test('a target matches a former name and a former namespace each on its own, as a Kustomize selector', () => {
      const r = applyPatches([moved(), cm('settings', { a: '1' }, 'tools')], [strategicMerge({ kind: 'ConfigMap', name: 'settings', namespace: 'prod' }, body)], 'dev');
      expect(r.findings).toEqual([]);
      expect(data(r)).toEqual([{ a: '2' }, { a: '1' }]);
    });

    test('a target does not match the name the object had between two renames, as a Kustomize selector', () => {
      const twice: Resource = { ...moved(), object: cm('team-web-settings', { a: '1' }, 'prod').object };
      twice.previousIds = [...twice.previousIds!, { kind: 'ConfigMap', name: 'web-settings', namespace: 'prod' }];
      const r = applyPatches([twice], [strategicMerge({ kind: 'ConfigMap', name: 'web-settings' }, body, { optional: true })], 'dev');
      expect(data(r)).toEqual([{ a: '1' }]);
      expect(data(applyPatches([twice], [strategicMerge({ kind: 'ConfigMap', name: 'settings' }, body)], 'dev'))).toEqual([{ a: '2' }]);
    });

    test.each([
      ['as written', 'settings', 'build'],
      ['between the levels', 'web-settings', 'build'],
      ['now', 'web-settings', 'prod'],
    ])('a unique target matches the identity the object had %s', (_when, name, namespace) => {
      const r = applyPatches([moved()], [strategicMerge({ kind: 'ConfigMap', name, namespace }, body, { unique: true })], 'dev');
      expect(r.findings).toEqual([]);
      expect(data(r)).toEqual([{ a: '2' }]);
    });

    test('a unique target does not match a name and a namespace the object had at different times', () => {
      const r = applyPatches([moved()], [strategicMerge({ kind: 'ConfigMap', name: 'settings', namespace: 'prod' }, body, { unique: true })], 'dev');
      expect(r.findings).toMatchObject([
        {
          code: 'overlay/patch-target-not-found',
          message: 'patch target ConfigMap/settings, namespace prod matches no object (ConfigMap/prod/web-settings had that name and that namespace, but not at the same time)',
          hint: 'a unique target names one identity an object has or had: give its current name and namespace, or a former name with the namespace it had then',
        },
      ]);
      expect(data(r)).toEqual([{ a: '1' }]);
    });

    test('a unique target counts only whole identities when it picks one of several objects', () => {
      // The first had the name `settings` and now has the namespace `prod`, but never both.
      const r = applyPatches([moved(), cm('settings', { a: '1' }, 'prod')], [strategicMerge({ kind: 'ConfigMap', name: 'settings', namespace: 'prod' }, body, { unique: true })], 'dev');
      expect(r.findings).toEqual([]);
      expect(data(r)).toEqual([{ a: '1' }, { a: '2' }]);
    });

    test('a unique target finds an object by the kind it had before a JSON patch re-kinded it', () => {
      const role: Resource = {
        object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] },
        component: 'c',
      };
      const rekind = jsonPatch({ kind: 'ClusterRole', name: 'reader' }, [
        { op: 'replace', path: '/kind', value: 'Role' },
        { op: 'add', path: '/metadata/namespace', value: 'apps' },
      ]);
      const label = { metadata: { labels: { found: 'yes' } } };
      const r = applyPatches([role], [rekind, strategicMerge({ kind: 'ClusterRole', name: 'reader' }, label, { unique: true })], 'dev');
      expect(r.findings).toEqual([]);
      expect(r.resources.map((x) => [x.object.kind, x.object.metadata])).toEqual([['Role', { name: 'reader', namespace: 'apps', labels: { found: 'yes' } }]]);
      // A selector matches the current kind only.
      const selector = applyPatches([role], [rekind, strategicMerge({ kind: 'ClusterRole', name: 'reader' }, label, { optional: true })], 'dev');
      expect(selector.resources[0]!.object.metadata.labels).toBeUndefined();
    });
  });
});

describe('target patterns', () => {
  test('a target field that is not a valid pattern is an error naming the field, as in Kustomize, and the next patches still run', () => {
    const bad = jsonPatch({ kind: '([' }, [{ op: 'add', path: '/data/b', value: '2' }], { optional: true });
    const good = jsonPatch({ kind: 'Config(Map)?', name: 'settings' }, [{ op: 'add', path: '/data/c', value: '3' }]);
    const { resources, findings } = applyPatches([cm('settings')], [bad, good], 'dev');
    expect(findings.map((f) => [f.code, f.message, f.env, f.path, f.source?.file !== undefined])).toEqual([
      ['overlay/invalid-target-pattern', 'expected target kind "([" to be a regular expression, as Kustomize reads it: /^(?:([)$/: Unterminated character class', 'dev', ['target', 'kind'], true],
    ]);
    expect(resources[0]!.object.data).toEqual({ a: '1', c: '3' });
  });
});
