/** Serve a built single-page app: its files, and index.html for client-side routes. */
import { extname } from 'node:path';
import express from 'express';

/**
 * Mount `dir` at `/`. A GET that matches no file and does not look like a file
 * (no extension) gets index.html, so deep links into the app work; a missing asset
 * stays a 404 instead of answering HTML to a script tag.
 * @example serveSinglePageApp(app, '/srv/designer/dist');
 */
export function serveSinglePageApp(app: express.Express, dir: string): void {
  app.use(express.static(dir, { index: 'index.html' }));
  app.get('/{*splat}', (req, res, next) => {
    if (req.path === '/api' || req.path.startsWith('/api/') || extname(req.path) !== '') {
      next();
      return;
    }
    // `root` makes the dotfile rule apply below `dir` only, not to the folders above it.
    res.sendFile('index.html', { root: dir }, (error?: Error) => {
      if (error) next(error);
    });
  });
}
