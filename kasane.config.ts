// The example platform's configuration. Its rendered output is the project's end-to-end golden
// test, so it goes to test/golden/<env>/.
import { defineConfig } from 'kasane';

export default defineConfig({
  out: 'test/golden',
  // Managed outside git (a secret store, cert-manager): referenced, never rendered.
  external: ['Secret/mysql-credentials', 'Secret/shop-tls', 'Secret/shop-staging-tls'],
  policies: {
    // The public images this platform runs (nginx, mysql, fluentd) start as root.
    'run-as-non-root': 'off',
  },
  policyOverrides: [
    // Reading the node's logs is the log collector's job.
    { rule: 'host-path', severity: 'off', match: { kind: 'DaemonSet', name: 'log-collector' } },
    // The echo images are only published as :latest.
    { rule: 'image-tag', severity: 'off', match: { kind: 'Deployment', name: 'echo*' } },
  ],
});
