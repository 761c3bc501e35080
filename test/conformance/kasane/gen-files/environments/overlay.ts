// The overlay of transforms/gen-files, written with kasane's environment API.
import { configMapGenerator, defineEnvironment, secretGenerator } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  generators: [
    configMapGenerator({ name: 'files', files: ['app.properties', 'custom-key.json=conf/settings.json'] }),
    secretGenerator({ name: 'file-secret', files: ['app.properties'] }),
  ],
});
