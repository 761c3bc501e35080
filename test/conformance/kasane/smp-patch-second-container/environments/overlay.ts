// The overlay of patch/smp-patch-second-container, written with kasane's environment API.
import { defineEnvironment, strategicMerge } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  patches: [
    strategicMerge({ kind: 'Deployment', name: 'web' }, { spec: { template: { spec: { containers: [{ name: 'side', image: 'side:2' }] } } } }),
  ],
});
