// The overlay of patch/smp-container-add-and-delete, written with kasane's environment API.
import { defineEnvironment, strategicMerge } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  patches: [
    strategicMerge({ kind: 'Deployment', name: 'web' }, {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'sidecar', $patch: 'delete' }, { name: 'metrics', image: 'metrics:1' }],
          },
        },
      },
    }),
  ],
});
