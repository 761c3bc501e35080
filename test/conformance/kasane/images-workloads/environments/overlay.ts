// The overlay of transforms/images-workloads, written with kasane's environment API.
import { defineEnvironment } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  images: [
    {
      name: 'registry.example.com/shop/api',
      newName: 'mirror.example.com/shop/api',
      newTag: '1.1.0-rc.1',
    },
    { name: 'envoyproxy/envoy', digest: 'sha256:feedface' },
  ],
});
