/**
 * The designer's build: `npm run dev` serves it with hot reload and proxies /api to the
 * engine (API_URL, default http://localhost:3000); `npm run build:web` writes designer/dist,
 * which the engine serves at `/`.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  server: {
    port: Number(process.env.DESIGNER_PORT ?? 5173),
    proxy: { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
  },
});
