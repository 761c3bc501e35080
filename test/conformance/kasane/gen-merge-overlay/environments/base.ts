// Level 'base' of transforms/gen-merge-overlay, written with kasane's environment API.
import { configMapGenerator, defineEnvironment, secretGenerator } from 'kasane';
import base from '../components/base.ts';

export default defineEnvironment({
  name: 'base',
  abstract: true,
  components: [base],
  generators: [
    configMapGenerator({
      name: 'cfg',
      literals: ['LOG_LEVEL=info', 'LOG_FORMAT=json'],
      options: { labels: { origin: 'base' } },
    }),
    secretGenerator({ name: 'creds', type: 'kubernetes.io/basic-auth', literals: ['username=admin', 'password=pw'] }),
  ],
});
