// The overlay of patch/json-append-container, written with kasane's environment API.
import { defineEnvironment, jsonPatch } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  patches: [
    jsonPatch({ kind: 'Deployment', name: 'web' }, [
      {
        op: 'add',
        path: '/spec/template/spec/containers/-',
        value: { name: 'metrics', image: 'metrics:1' },
      },
    ]),
  ],
});
