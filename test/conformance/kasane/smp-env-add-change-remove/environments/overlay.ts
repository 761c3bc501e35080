// The overlay of patch/smp-env-add-change-remove, written with kasane's environment API.
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
            containers: [
              {
                name: 'app',
                env: [
                  { name: 'A', value: '10' },
                  { name: 'B', $patch: 'delete' },
                  { name: 'C', value: '3' },
                ],
              },
            ],
          },
        },
      },
    }),
  ],
});
