import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// No @vitejs/plugin-react: esbuild's automatic JSX runtime is all the console needs
// (no Fast Refresh in dev, a full reload instead).
export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic' },
  // The console uses the published client's source (packages/warden-client), not a built copy:
  // one set of generated types, no workspace install step.
  resolve: {
    alias: {
      'warden-client': fileURLToPath(new URL('../packages/warden-client/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      // antd marks its modules "use client" for React Server Components; meaningless in a SPA bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // React changes least often: its own long-cached chunk. The rest (antd, pages) is split by
        // Rollup along the lazy page imports, so a page only pulls the components it uses.
        manualChunks(id) {
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id))
            return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
