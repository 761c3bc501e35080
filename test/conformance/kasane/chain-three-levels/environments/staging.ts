// Level 'staging' of transforms/chain-three-levels, written with kasane's environment API.
import { configMapGenerator, defineEnvironment } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'staging',
  extends: base,
  namespace: 'shop-staging',
  namePrefix: 'staging-',
  labels: { env: 'staging' },
  annotations: { 'shop.example.com/tier': 'staging' },
  images: [{ name: 'registry.example.com/shop/api', newTag: '1.1.0-rc.1' }],
  replicas: [{ name: 'api', count: 2 }],
  generators: [
    configMapGenerator({
      name: 'api-config',
      behavior: 'merge',
      literals: ['LOG_LEVEL=debug', 'DB_HOST=db.staging.internal'],
    }),
  ],
});
