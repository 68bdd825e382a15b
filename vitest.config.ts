import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: './vite.config.ts',
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['tests/unit/**/*.test.ts', 'tests/component/**/*.test.tsx'],
          // A zone with daylight saving time, so local-time conversions are tested for real.
          env: { TZ: 'Europe/Berlin' },
          setupFiles: ['tests/component/setup.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts', 'tests/build/**/*.test.ts', 'tests/standin/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Imports its JSON schema without an import attribute, which Node refuses: let Vite load it.
          server: { deps: { inline: ['@actions/workflow-parser'] } },
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Two cores: one Chromium at a time keeps the runs steady.
          fileParallelism: false,
        },
      },
    ],
  },
});
