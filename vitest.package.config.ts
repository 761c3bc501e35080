import { defineConfig } from 'vitest/config';
import { PACKAGE_TEST, shared } from './vitest.config.ts';

/** `npm run test:package`: the published package, packed and installed into a fresh project. */
export default defineConfig({ test: { ...shared, include: [PACKAGE_TEST] } });
