import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@core': fileURLToPath(new URL('./core', import.meta.url)) } },
  test: {
    // Vitest's default is one worker fewer than the cores: one on CI's 2 cores. Unit and integration files mostly wait
    // on databases, ffmpeg and sockets, so two at a time use the machine instead of idling it (e2e stays one by one).
    // On PostgreSQL each file has a schema of its own, which the migrator keeps to (server/db/migrate.ts).
    maxWorkers: 2,
    // A worker keeps the modules it loaded from one file to the next (ADR 0055): loading the server anew for each of
    // 180 files was half of the unit and integration passes' time, and a tenth of the browser tests'. Each file still
    // makes its own app, database and data directory; what modules keep across files (formatters, caches keyed by a
    // database handle or by content) is safe to share.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'web/src/**/*.test.ts', 'tests/sim/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Two files share CI's two cores (and the role matrix sets up every stage of a contest per endpoint).
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: true,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
