// staging: the cloud cluster's rehearsal stage. photo-view v2.0 rolls out here first, and the
// summer release track of echo runs next to spring.
import { defineEnvironment } from 'kasane';
import echo from '../components/echo.ts';
import photoView from '../components/photo-view.ts';
import webServer from '../components/web-server.ts';
import edge from '../components/edge.ts';
import base from './base.ts';

export default defineEnvironment({
  name: 'staging',
  extends: base,
  namespace: 'shop-staging',
  labels: { env: 'staging' },
  components: [
    echo.with({ replicas: 2, tracks: ['spring', 'summer'] }),
    photoView.with({ tag: 'v2.0', replicas: 2, serviceType: 'LoadBalancer' }),
    webServer.with({ replicas: 2, serviceType: 'LoadBalancer' }),
    edge.with({ host: 'shop.staging.example.com', tlsSecret: 'shop-staging-tls' }),
  ],
});
