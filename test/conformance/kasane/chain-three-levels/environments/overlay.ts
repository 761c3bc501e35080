// The overlay of transforms/chain-three-levels, written with kasane's environment API.
import { configMapGenerator, defineEnvironment, secretGenerator } from 'kasane';
import staging from './staging.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: staging,
  namespace: 'shop-prod',
  namePrefix: 'prod-',
  nameSuffix: '-eu',
  labels: [{ pairs: { env: 'prod' }, includeSelectors: true }],
  annotations: { 'shop.example.com/tier': 'production', 'shop.example.com/paging': 'true' },
  images: [{ name: 'registry.example.com/shop/api', newTag: '1.0.3' }],
  replicas: [{ name: 'api', count: 4 }],
  generators: [
    configMapGenerator({
      name: 'api-config',
      behavior: 'merge',
      literals: ['LOG_LEVEL=warn', 'DB_HOST=db.prod.internal'],
    }),
    secretGenerator({ name: 'api-secret', behavior: 'replace', literals: ['token=prod'] }),
  ],
});
