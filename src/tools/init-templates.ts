/**
 * The files `kasane init` writes: a small project that renders and checks clean right away
 * (one app with a Deployment, a Service and a generated ConfigMap; environments base, dev and
 * prod; a CI workflow). Pure: names in, file contents out.
 */
import { compareCodeUnits } from '../util/code-unit.ts';
import { PROJECT_TSCONFIG, projectGitignore, projectPackageJson } from './project-scaffold.ts';

/** Options of {@link scaffoldFiles}. */
export interface ScaffoldOptions {
  /** The package name of the new project (already a valid npm name). */
  name: string;
  /** How the project depends on kasane, e.g. `^0.1.0` or `file:../kasane-0.1.0.tgz`. */
  kasaneRange: string;
}

/** An npm package name from a folder name: lowercase, `a-z 0-9 - . _`; `kasane-project` if nothing is left. */
export function packageNameFor(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return name || 'kasane-project';
}

const config = `// Project settings. Every field is optional; see defineConfig's documentation.
import { defineConfig } from 'kasane';

export default defineConfig({
  // Rendered YAML goes to rendered/<env>/: commit it, and point Argo CD or Flux at it.
  out: 'rendered',
});
`;

const component = `// hello: a small web app. A generated ConfigMap (its name carries a content hash, so a change
// rolls the pods), a Deployment that reads it, and a Service in front.
import { configMap, container, defineComponent, deployment, httpGet, service, z } from 'kasane';

export default defineComponent({
  name: 'hello',
  values: z.object({
    replicas: z.number().int().min(1).default(1),
    image: z.string().default('nginxinc/nginx-unprivileged:1.27'),
    greeting: z.string().default('hello from kasane'),
  }),
  build(values) {
    const settings = configMap({ name: 'hello-settings', data: { GREETING: values.greeting }, hashSuffix: true });
    const app = deployment({
      name: 'hello',
      replicas: values.replicas,
      containers: [
        container({
          name: 'web',
          image: values.image,
          ports: { http: 8080 },
          envFrom: [settings],
          readinessProbe: httpGet('/', 'http'),
          livenessProbe: httpGet('/', 'http', { initialDelaySeconds: 5 }),
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
        }),
      ],
    });
    return [settings, app, service({ for: app, ports: [{ port: 80, targetPort: 'http' }] })];
  },
});
`;

const base = `// What every environment shares. Abstract: it is never rendered on its own.
import { defineEnvironment } from 'kasane';
import hello from '../components/hello.ts';

export default defineEnvironment({
  name: 'base',
  abstract: true,
  components: [hello],
});
`;

const dev = `// dev: one replica and a greeting that says where you are.
import { defineEnvironment } from 'kasane';
import hello from '../components/hello.ts';
import base from './base.ts';

export default defineEnvironment({
  name: 'dev',
  extends: base,
  namespace: 'hello-dev',
  labels: { env: 'dev' },
  components: [hello.with({ greeting: 'hello from dev' })],
});
`;

const prod = `// prod: more replicas.
import { defineEnvironment } from 'kasane';
import hello from '../components/hello.ts';
import base from './base.ts';

export default defineEnvironment({
  name: 'prod',
  extends: base,
  namespace: 'hello-prod',
  labels: { env: 'prod' },
  components: [hello.with({ replicas: 3 })],
});
`;

/** The CI workflow: also shipped as ci/github-actions/kasane.yml (a test keeps the two equal). */
export const GITHUB_WORKFLOW = `# Fails a pull request whose rendered/ is not what the TypeScript renders, or whose
# TypeScript does not type-check. From kasane (ci/github-actions/kasane.yml).
name: kasane
on:
  pull_request:
  push:
    branches: [main]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          cache: npm
      - name: Install
        run: npm ci
      - name: Type-check
        run: npx tsc
      - name: Rendered output is up to date
        run: npx kasane render --check
`;

function readme(options: ScaffoldOptions): string {
  return `# ${options.name}

Kubernetes manifests written in TypeScript with [kasane](https://www.npmjs.com/package/kasane).

\`\`\`
components/hello.ts      the app: a Deployment, a Service and a generated ConfigMap
environments/base.ts     what every environment shares (abstract)
environments/dev.ts      dev: namespace hello-dev
environments/prod.ts     prod: namespace hello-prod, 3 replicas
kasane.config.ts         project settings
rendered/<env>/          the rendered YAML (commit it; Argo CD, Flux or kubectl apply -k read it)
\`\`\`

## Use

\`\`\`sh
npm install                 # then commit package-lock.json: CI runs npm ci
npx kasane render           # write rendered/dev and rendered/prod
npx kasane render --check   # exit 1 and show a diff when rendered/ is stale (CI runs this)
npx kasane diff dev prod    # what prod does differently from dev, field by field
npx kasane validate         # schema, reference and policy checks
npx tsc                     # type-check components and environments
\`\`\`

Change a component or an environment, run \`npx kasane render\`, and commit the code together
with the rendered diff. \`.github/workflows/kasane.yml\` fails a pull request whose rendered
output is out of date.
`;
}

/**
 * Every file of a new project, by path relative to the project folder, sorted by path.
 * @example
 * scaffoldFiles({ name: 'shop', kasaneRange: '^0.1.0' })['package.json']
 */
export function scaffoldFiles(options: ScaffoldOptions): Record<string, string> {
  const files: Record<string, string> = {
    '.github/workflows/kasane.yml': GITHUB_WORKFLOW,
    '.gitignore': projectGitignore(),
    'README.md': readme(options),
    'components/hello.ts': component,
    'environments/base.ts': base,
    'environments/dev.ts': dev,
    'environments/prod.ts': prod,
    'kasane.config.ts': config,
    'package.json': projectPackageJson({ name: options.name, kasane: options.kasaneRange }),
    'tsconfig.json': PROJECT_TSCONFIG,
  };
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => compareCodeUnits(a, b)));
}
