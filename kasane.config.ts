// The example platform's configuration. Its rendered output is the project's end-to-end golden
// test, so it goes to test/golden/<env>/.
import { defineConfig } from 'kasane';

export default defineConfig({
  out: 'test/golden',
  // Managed outside git (a secret store, cert-manager): referenced, never rendered.
  external: ['Secret/mysql-credentials', 'Secret/shop-tls', 'Secret/shop-staging-tls'],
});
