// Shared application settings: a ConfigMap whose name carries a content hash, so a change to
// its data rolls every Deployment that reads it. Consumers import `appConfig` and reference
// the object; the hash suffix follows it everywhere.
import { configMap, defineComponent, z } from 'kasane';

/** The settings every app reads (environments change them with values). */
export const appConfig = configMap({
  name: 'app-config',
  data: { LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
  hashSuffix: true,
});

export default defineComponent({
  name: 'config',
  values: z.object({
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    featureFlags: z.record(z.string(), z.boolean()).default({}),
  }),
  build(values) {
    const flags = Object.fromEntries(Object.entries(values.featureFlags).map(([flag, on]) => [`FEATURE_${flag.toUpperCase()}`, on ? 'on' : 'off']));
    return configMap({
      name: appConfig.metadata!.name!,
      data: { ...appConfig.data, LOG_LEVEL: values.logLevel, ...flags },
      hashSuffix: true,
    });
  },
});
