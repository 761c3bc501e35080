// The overlay of patch/json-custom-resource, written with kasane's environment API.
import { defineEnvironment, jsonPatch } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  patches: [
    jsonPatch({ group: 'example.com', version: 'v1', kind: 'Widget', name: 'w' }, [
      { op: 'replace', path: '/spec/items/1/value', value: 20 },
      { op: 'remove', path: '/spec/options/drop' },
    ]),
  ],
});
