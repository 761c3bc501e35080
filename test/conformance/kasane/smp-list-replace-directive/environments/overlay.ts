// The overlay of patch/smp-list-replace-directive, written with kasane's environment API.
import { defineEnvironment, strategicMerge } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  patches: [
    strategicMerge({ kind: 'Deployment', name: 'web' }, {
      spec: {
        template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'only:1' }] } },
      },
    }),
  ],
});
