// Level 'base' of transforms/chain-three-levels, written with kasane's environment API.
import { configMapGenerator, defineEnvironment, secretGenerator } from 'kasane';
import base from '../components/base.ts';

export default defineEnvironment({
  name: 'base',
  abstract: true,
  components: [base],
  labels: { 'app.kubernetes.io/part-of': 'shop' },
  generators: [
    configMapGenerator({ name: 'api-config', literals: ['LOG_FORMAT=json', 'LOG_LEVEL=info', 'CACHE_TTL_SECONDS=60'] }),
    secretGenerator({ name: 'api-secret', literals: ['token=base'] }),
  ],
});
