import { defineConfig } from "vite";

/**
 * Compiles the Express server (server/index.ts) to build/express/index.js for `npm start`, so production
 * runs plain JavaScript with no TypeScript loader. Packages stay external (node_modules at run time);
 * the app itself is not bundled here: the server loads the Remix build and takes its hooks from it.
 */
export default defineConfig({
  build: {
    ssr: "server/index.ts",
    outDir: "build/express",
    target: "node20",
    emptyOutDir: true,
    copyPublicDir: false,
    rollupOptions: { output: { entryFileNames: "index.js" } },
  },
});
