import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/errors.ts';
import type { Resource } from '../../src/k8s/resource.ts';
import { locateFinding } from '../../src/overlay/blame.ts';

const object = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: 'istio-proxy', image: 'p' },
          { name: 'api', image: 'a' },
        ],
      },
    },
  },
};
const component = { file: 'components/api.ts', line: 3 };
const first = { file: 'environments/base.ts', line: 9 };
const second = { file: 'environments/dev.ts', line: 12 };
const resource = (history: Resource['history']): Resource => ({ object, component: 'api', source: component, history });
const finding = (path: Finding['path']): Finding => ({ severity: 'warning', code: 'policy/liveness-probe', message: 'm', object: { kind: 'Deployment', name: 'api' }, path });
const probe = ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe'];

describe('locateFinding', () => {
  test('points at the patch that added the element holding the field, naming the element by key', () => {
    const located = locateFinding(
      finding(probe),
      resource([{ step: 'patch (strategic-merge)', env: 'dev', source: second, paths: [['spec', 'template', 'spec', 'containers', '[name=istio-proxy]']] }]),
    );
    expect(located).toMatchObject({ source: second, related: [component], path: ['spec', 'template', 'spec', 'containers', '[name=istio-proxy]', 'livenessProbe'] });
  });

  test('the last step that changed the field wins', () => {
    const history = [
      { step: 'patch (json6902)', env: 'base', source: first, paths: [['spec', 'replicas']] },
      { step: 'patch (function)', env: 'dev', source: second, paths: [['spec', 'replicas']] },
      { step: 'patch (function)', env: 'dev', source: { file: 'environments/dev.ts', line: 20 }, paths: [['metadata', 'labels']] },
    ];
    expect(locateFinding(finding(['spec', 'replicas']), resource(history)).source).toEqual(second);
  });

  test('a field no step changed, or a change below the field, points at the builder', () => {
    const history = [
      { step: 'namespace', env: 'dev', source: first },
      { step: 'patch (strategic-merge)', env: 'dev', source: second, paths: [['spec', 'template', 'spec', 'containers', '[name=api]', 'image']] },
    ];
    const located = locateFinding(finding(['spec', 'template', 'spec', 'containers', 1]), resource(history));
    expect(located).toEqual({ ...finding(['spec', 'template', 'spec', 'containers', 1]), source: component });
  });
});
