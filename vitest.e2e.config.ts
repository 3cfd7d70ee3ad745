import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * Browser and HTTP tests against the production build (npm run build first), served on a free
 * port with a fresh database. Chromium is Debian's /usr/bin/chromium, driven by playwright-core.
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/setup/e2e-server.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
