// platform: the shop's own API extension. A CustomResourceDefinition for PhotoAlbum and one
// album; the album is validated against the CRD's schema at render time.
import { defineComponent, resource, z } from 'kasane';
import type { CustomResourceDefinition } from 'kasane/api/apiextensions/v1';

/** The PhotoAlbum custom resource, as the CRD below describes it. */
export interface PhotoAlbum {
  apiVersion: 'shop.example.com/v1';
  kind: 'PhotoAlbum';
  metadata: { name: string; labels?: Record<string, string> };
  spec: { title: string; visibility: 'public' | 'private'; maxPhotos?: number; tags?: string[] };
}

const photoAlbumCrd = resource<CustomResourceDefinition>({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'photoalbums.shop.example.com' },
  spec: {
    group: 'shop.example.com',
    scope: 'Namespaced',
    names: { kind: 'PhotoAlbum', plural: 'photoalbums', singular: 'photoalbum', listKind: 'PhotoAlbumList', shortNames: ['album'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['spec'],
            properties: {
              spec: {
                type: 'object',
                required: ['title', 'visibility'],
                properties: {
                  title: { type: 'string', minLength: 1 },
                  visibility: { type: 'string', enum: ['public', 'private'] },
                  maxPhotos: { type: 'integer', minimum: 1 },
                  tags: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    ],
  },
});

export default defineComponent({
  name: 'platform',
  values: z.object({
    featuredAlbum: z.string().default('summer-2020'),
    maxPhotos: z.number().int().min(1).default(500),
  }),
  build(values) {
    const album = resource<PhotoAlbum>({
      apiVersion: 'shop.example.com/v1',
      kind: 'PhotoAlbum',
      metadata: { name: values.featuredAlbum },
      spec: { title: 'Featured photos', visibility: 'public', maxPhotos: values.maxPhotos, tags: ['featured'] },
    });
    return [photoAlbumCrd, album];
  },
});
