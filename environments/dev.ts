// dev: a local minikube-style cluster. One replica of everything, NodePort Services, small
// resources, and a throwaway database password rendered into the cluster.
import { defineEnvironment } from 'kasane';
import echo from '../components/echo.ts';
import config from '../components/config.ts';
import mysql from '../components/mysql.ts';
import nginx from '../components/nginx.ts';
import photoView from '../components/photo-view.ts';
import webServer from '../components/web-server.ts';
import edge from '../components/edge.ts';
import base from './base.ts';

export default defineEnvironment({
  name: 'dev',
  extends: base,
  namespace: 'shop-dev',
  labels: { env: 'dev' },
  components: [
    config.with({ logLevel: 'debug', featureFlags: { newCheckout: true } }),
    echo.with({ replicas: 1 }),
    photoView.with({ replicas: 1, serviceType: 'NodePort', spreadOverNodes: false }),
    nginx.with({ replicas: 1 }),
    webServer.with({ replicas: 1, serviceType: 'NodePort', resources: { cpu: '50m', memory: '64Mi' } }),
    mysql.with({ devRootPassword: 'dev-only-not-a-secret' }),
    edge.with({ host: 'shop.dev.localhost' }),
  ],
});
