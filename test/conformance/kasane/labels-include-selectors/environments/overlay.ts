// The overlay of transforms/labels-include-selectors, written with kasane's environment API.
import { defineEnvironment } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  labels: [
    { pairs: { tier: 'backend' }, includeSelectors: true },
    { pairs: { tmpl: 'yes' }, includeSelectors: false, includeTemplates: true },
  ],
});
