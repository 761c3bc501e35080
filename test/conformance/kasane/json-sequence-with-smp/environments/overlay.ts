// The overlay of patch/json-sequence-with-smp, written with kasane's environment API.
import { defineEnvironment, jsonPatch, strategicMerge } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  patches: [
    strategicMerge({ kind: 'Deployment', name: 'web' }, { spec: { replicas: 6, paused: true } }),
    jsonPatch({ kind: 'Deployment', name: 'web' }, [{ op: 'replace', path: '/spec/replicas', value: 9 }]),
  ],
});
