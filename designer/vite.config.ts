/**
 * The designer's build: `npm run dev` serves it with hot reload and proxies /api to the
 * engine (API_URL, default http://localhost:3000); `npm run build:web` writes designer/dist,
 * which the engine serves at `/`.
 */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The page's first requests start from a script of their own (src/start-early.ts), built as a
 * second entry and run as soon as it arrives (`async`), while the browser still reads the
 * app's main script. In development the app's modules load one by one: nothing to win.
 */
function earlyRequests(): Plugin {
  return {
    name: 'tourflow-early-requests',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((one) => one.type === 'chunk' && one.isEntry && one.name === 'early');
        if (!chunk) throw new Error('the build has no "early" entry (src/start-early.ts)');
        return [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${chunk.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), earlyRequests()],
  server: {
    port: Number(process.env.DESIGNER_PORT ?? 5173),
    proxy: { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      input: { index: resolve(import.meta.dirname, 'index.html'), early: resolve(import.meta.dirname, 'src/start-early.ts') },
    },
  },
});
