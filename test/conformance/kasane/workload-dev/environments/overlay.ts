// The overlay of transforms/workload-dev, written with kasane's environment API.
import { configMapGenerator, defineEnvironment } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  namespace: 'shop-dev',
  labels: { env: 'dev' },
  annotations: {
    'shop.example.com/owner': 'platform-team',
    'shop.example.com/tier': 'development',
    'shop.example.com/paging': 'false',
  },
  images: [{ name: 'registry.example.com/shop/comp-0001', newTag: '1.1.0-dev.42' }],
  replicas: [{ name: 'comp-0001', count: 1 }],
  generators: [
    configMapGenerator({
      name: 'comp-0001',
      behavior: 'merge',
      literals: ['LOG_LEVEL=debug', 'CACHE_TTL_SECONDS=5', 'DB_HOST=db.dev.internal'],
    }),
  ],
});
