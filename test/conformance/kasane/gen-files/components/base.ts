// The base objects of transforms/gen-files.
import { defineComponent, resource, z } from 'kasane';

export default defineComponent({
  name: 'base',
  values: z.object({}),
  build: () => [],
});
