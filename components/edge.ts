// edge: the L7 entry point. One Ingress routes /echo to the echo Service and / to photo-view;
// the reference checks make sure both Services and ports exist in the environment.
import { defineComponent, ingress, z } from 'kasane';

export default defineComponent({
  name: 'edge',
  values: z.object({
    host: z.string().default('shop.example.com'),
    ingressClassName: z.string().default('nginx'),
    /** Name of a TLS Secret (managed by cert-manager or similar); no TLS when unset. */
    tlsSecret: z.string().optional(),
  }),
  build(values) {
    return ingress({
      name: 'edge',
      ingressClassName: values.ingressClassName,
      rules: [
        { host: values.host, path: '/echo', service: 'echo', port: 80 },
        { host: values.host, path: '/', service: 'photo-view', port: 80 },
      ],
      ...(values.tlsSecret ? { tls: [{ hosts: [values.host], secret: values.tlsSecret }] } : {}),
    });
  },
});
