// The echo app: an nginx proxy sidecar in front of the echo server, in one pod, with release
// tracks (spring, summer) selected by a `release` label. The Service follows the live track.
import { container, defineComponent, deployment, envFrom, httpGet, service, tcpSocket, z } from 'kasane';
import { appConfig } from './config.ts';

const track = z.enum(['spring', 'summer']);

export default defineComponent({
  name: 'echo',
  values: z.object({
    replicas: z.number().int().min(1).default(3),
    /** Tracks that run, each its own Deployment. */
    tracks: z.array(track).min(1).default(['spring']),
    /** The track the `echo` Service sends traffic to. */
    live: track.default('spring'),
    proxyImage: z.string().default('gihyodocker/nginx-proxy:latest'),
    echoImage: z.string().default('gihyodocker/echo:latest'),
  }),
  build(values) {
    const workloads = values.tracks.map((release) =>
      deployment({
        name: release === values.live ? 'echo' : `echo-${release}`,
        replicas: values.replicas,
        podLabels: { app: 'echo', release },
        containers: [
          container({
            name: 'nginx',
            image: values.proxyImage,
            ports: { http: 80 },
            env: { BACKEND_HOST: 'localhost:8080' },
            readinessProbe: httpGet('/', 'http'),
            livenessProbe: tcpSocket('http', { initialDelaySeconds: 5 }),
            resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
          }),
          container({
            name: 'echo',
            image: values.echoImage,
            ports: { echo: 8080 },
            envFrom: envFrom(appConfig),
            readinessProbe: httpGet('/', 'echo'),
            livenessProbe: tcpSocket('echo', { initialDelaySeconds: 5 }),
            resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
          }),
        ],
      }),
    );
    const live = workloads[values.tracks.indexOf(values.live)];
    if (!live) throw new Error(`live track '${values.live}' is not among the tracks that run (${values.tracks.join(', ')})`);
    return [...workloads, service({ name: 'echo', for: live, ports: [{ name: 'http', port: 80, targetPort: 'http' }] })];
  },
});
