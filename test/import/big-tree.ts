/**
 * A generated Kustomize tree: one base with ten apps (Deployment, Service, generated ConfigMap
 * each) and three overlays (dev, staging, prod) that change them in every supported way.
 * scripts/oracle-import.mjs writes the same tree to record kubectl's output.
 */

const APPS = Array.from({ length: 10 }, (_, i) => `app-${String(i + 1).padStart(2, '0')}`);

function appYaml(app: string, i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  labels:
    app.kubernetes.io/name: ${app}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}
    spec:
      containers:
      - name: ${app}
        image: registry.example.com/shop/${app}:1.${i}.0
        ports:
        - name: http
          containerPort: ${8000 + i}
        envFrom:
        - configMapRef:
            name: ${app}-settings
---
apiVersion: v1
kind: Service
metadata:
  name: ${app}
  labels:
    app.kubernetes.io/name: ${app}
spec:
  selector:
    app.kubernetes.io/name: ${app}
  ports:
  - name: http
    port: 80
    targetPort: http
`;
}

function overlay(env: string, i: number): string {
  const lines = ['resources:', '- ../../base', `namespace: shop-${env}`, 'commonLabels:', `  env: ${env}`];
  if (env === 'dev') lines.push('namePrefix: dev-');
  lines.push('images:');
  for (const [j, app] of APPS.entries()) if (j % 2 === i % 2) lines.push(`- name: registry.example.com/shop/${app}`, `  newTag: 1.${j}.${i + 1}`);
  lines.push('replicas:', `- name: ${APPS[i]}`, `  count: ${i + 3}`);
  lines.push('patches:');
  for (const app of APPS.slice(i * 3, i * 3 + 3)) {
    lines.push(
      `- target:`,
      `    kind: Deployment`,
      `    name: ${app}`,
      `  patch: |-`,
      `    - op: add`,
      `      path: /spec/template/spec/containers/0/env`,
      `      value: [{ name: ENV, value: ${env} }]`,
    );
  }
  lines.push(
    '- patch: |-',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    '    metadata:',
    `      name: ${APPS[9 - i]}`,
    '    spec:',
    '      template:',
    '        spec:',
    '          containers:',
    `          - name: ${APPS[9 - i]}`,
    '            resources:',
    '              limits:',
    `                memory: ${128 * (i + 1)}Mi`,
  );
  lines.push('configMapGenerator:', `- name: ${APPS[i]}-settings`, '  behavior: merge', '  literals:', `  - ENVIRONMENT=${env}`);
  return `${lines.join('\n')}\n`;
}

/** The tree: path → content. */
export function bigTree(): Map<string, string> {
  const files = new Map<string, string>();
  const base = ['resources:', ...APPS.map((a) => `- ${a}.yaml`), 'configMapGenerator:'];
  for (const [i, app] of APPS.entries()) {
    files.set(`base/${app}.yaml`, appYaml(app, i));
    base.push(`- name: ${app}-settings`, '  literals:', `  - APP=${app}`, `  - WORKERS=${i + 2}`);
  }
  files.set('base/kustomization.yaml', `${base.join('\n')}\n`);
  for (const [i, env] of ['dev', 'staging', 'prod'].entries()) files.set(`overlays/${env}/kustomization.yaml`, overlay(env, i));
  return files;
}
