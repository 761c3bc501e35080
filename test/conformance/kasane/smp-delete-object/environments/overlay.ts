// The overlay of patch/smp-delete-object, written with kasane's environment API.
import { defineEnvironment, strategicMerge } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  patches: [
    strategicMerge({ kind: 'Service', name: 'web' }, { $patch: 'delete' }),
  ],
});
