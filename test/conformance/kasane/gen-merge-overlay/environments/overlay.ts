// The overlay of transforms/gen-merge-overlay, written with kasane's environment API.
import { configMapGenerator, defineEnvironment } from 'kasane';
import base from './base.ts';

export default defineEnvironment({
  name: 'overlay',
  extends: base,
  generators: [
    configMapGenerator({
      name: 'cfg',
      behavior: 'merge',
      literals: ['LOG_LEVEL=debug', 'DB_HOST=db.dev.internal'],
      options: { labels: { origin: 'overlay' }, annotations: { merged: 'yes' } },
    }),
  ],
});
