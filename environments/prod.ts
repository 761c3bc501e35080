// prod: a managed cloud cluster (AKS). LoadBalancer Services, more replicas, resource limits,
// PodDisruptionBudgets for every Deployment, and the image tags that passed staging.
import { defineEnvironment, strategicMerge } from 'kasane';
import echo from '../components/echo.ts';
import photoView from '../components/photo-view.ts';
import webServer from '../components/web-server.ts';
import mysql from '../components/mysql.ts';
import edge from '../components/edge.ts';
import base from './base.ts';
import { disruptionBudgets } from './_shared/disruption-budgets.ts';

export default defineEnvironment({
  name: 'prod',
  extends: base,
  namespace: 'shop-prod',
  labels: { env: 'prod' },
  annotations: { 'shop.example.com/paging': 'true' },
  components: [
    echo.with({ replicas: 3, tracks: ['spring', 'summer'], live: 'summer' }),
    photoView.with({ replicas: 5, serviceType: 'LoadBalancer' }),
    webServer.with({ replicas: 4, serviceType: 'LoadBalancer', resources: { cpu: '250m', memory: '256Mi' } }),
    mysql.with({ storage: '20Gi', storageClassName: 'managed-premium' }),
    edge.with({ host: 'shop.example.com', tlsSecret: 'shop-tls' }),
  ],
  images: [{ name: 'registry.example.com/shop/photo-view', newTag: 'v2.0' }],
  patches: [
    strategicMerge(
      { kind: 'Deployment', name: 'nginx-deployment' },
      { spec: { template: { spec: { containers: [{ name: 'nginx', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } } }] } } } },
    ),
  ],
  transforms: [disruptionBudgets({ minAvailable: 1 })],
});
