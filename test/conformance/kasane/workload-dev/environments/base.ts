// Level 'base' of transforms/workload-dev, written with kasane's environment API.
import { configMapGenerator, defineEnvironment } from 'kasane';
import base from '../components/base.ts';

export default defineEnvironment({
  name: 'base',
  abstract: true,
  components: [base],
  generators: [
    configMapGenerator({
      name: 'comp-0001',
      literals: [
        'LOG_FORMAT=json',
        'LOG_LEVEL=info',
        'CACHE_TTL_SECONDS=60',
        'SERVICE_NAME=comp-0001',
        'QUEUE_PARTITIONS=2',
      ],
    }),
  ],
});
