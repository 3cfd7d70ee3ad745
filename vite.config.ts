import { fileURLToPath } from "node:url";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  server: { port: Number(process.env.PORT ?? 3000) },
  resolve: {
    alias: [
      // Only the Designsystemet web modules our components need (see app/designsystemet-web.ts).
      {
        find: /^@digdir\/designsystemet-web$/,
        replacement: fileURLToPath(new URL("./app/designsystemet-web.ts", import.meta.url)),
      },
    ],
  },
  build: {
    target: "es2022",
    rollupOptions: {
      treeshake: {
        // @digdir/designsystemet-react has no "sideEffects" field, so Rollup had to keep every
        // component (and floating-ui, virtual lists…) on every page. Its modules only define
        // components; the global behaviour lives in @digdir/designsystemet-web, which stays
        // side-effectful and is imported once by app/entry.client.tsx. Every other module keeps the
        // default (its package.json decides).
        moduleSideEffects: (id) => !/[\\/]@digdir[\\/]designsystemet-react[\\/]dist[\\/]/.test(id),
      },
    },
  },
  ssr: { noExternal: [] },
  plugins: [
    // Vitest runs domain and integration tests without the React Router compiler.
    !process.env.VITEST && reactRouter(),
    tsconfigPaths(),
  ],
});
