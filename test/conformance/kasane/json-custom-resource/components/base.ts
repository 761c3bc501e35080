// The base objects of patch/json-custom-resource.
import { defineComponent, resource, z } from 'kasane';

export default defineComponent({
  name: 'base',
  values: z.object({}),
  build: () => [
    resource({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', finalizers: ['a.example.com/x'] },
      spec: {
        size: 1,
        items: [{ name: 'a', value: 1 }, { name: 'b', value: 2 }],
        options: { keep: 1, drop: 2 },
      },
    }),
  ],
});
