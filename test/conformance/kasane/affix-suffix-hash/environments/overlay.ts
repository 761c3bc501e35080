// The overlay of transforms/affix-suffix-hash, written with kasane's environment API.
import { configMapGenerator, defineEnvironment, secretGenerator } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  nameSuffix: '-blue',
  generators: [
    configMapGenerator({ name: 'cfg', literals: ['LOG_LEVEL=warn'] }),
    secretGenerator({ name: 'creds', literals: ['password=pw'] }),
  ],
});
