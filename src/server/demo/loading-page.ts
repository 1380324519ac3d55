/**
 * While the first start loads the demo (a minute or more on a small machine), the port answers
 * with a Swedish page saying how far it has come instead of refusing connections (issue 16,
 * item 17). The page reloads itself; the API answers 503 DEMO_LOADING. It is closed just before
 * the app listens on the same port.
 */
import { Worker } from 'node:worker_threads';
import type { DemoLoadProgress } from './load-demo.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The Swedish line for a step: "Demodata laddas … (steg 3 av 5: Läser in i databasen, 40 %)". */
export function loadingText(progress: DemoLoadProgress | null): string {
  if (!progress) return 'Demodata laddas …';
  const percent = progress.percent === null ? '' : `, ${progress.percent} %`;
  return `Demodata laddas … (steg ${progress.step} av ${progress.steps}: ${progress.label}${percent})`;
}

/** The whole page: plain HTML, no scripts, reloads every 3 seconds. */
export function loadingPage(progress: DemoLoadProgress | null): string {
  const text = escapeHtml(loadingText(progress));
  const value = progress ? (progress.step - 1 + (progress.percent ?? 0) / 100) / progress.steps : 0;
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="3"><title>Närvaro startar</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}progress{width:100%}</style>
</head><body><main><h1>Närvaro startar</h1>
<p role="status">${text}</p>
<progress max="100" value="${Math.round(value * 100)}" aria-label="Demodata laddas">${Math.round(value * 100)} %</progress>
<p>Första starten läser in en exempelkommun. Sidan laddas om av sig själv när den är klar.</p>
</main></body></html>`;
}

/**
 * The page's server runs in a worker thread: the demo load keeps the main thread busy for long
 * stretches (PGlite runs in-process, and its awaits never reach the event loop's I/O phase), so a
 * server there would accept connections and never answer. The worker gets the rendered page with
 * each update; if the port is taken it stays silent (the app's own listen reports why).
 */
const WORKER_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
let page = { html: workerData.html, text: workerData.text };
const server = http.createServer((request, response) => {
  response.setHeader('Retry-After', '5');
  response.setHeader('Cache-Control', 'no-store');
  if ((request.url || '').startsWith('/api/')) {
    response.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ error: 'DEMO_LOADING', message: page.text }));
    return;
  }
  response.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(page.html);
});
server.on('error', () => process.exit(0));
server.listen(workerData.port, workerData.host);
parentPort.on('message', (message) => {
  if (message === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    if (!server.listening) process.exit(0);
  } else page = message;
});
`;

/** Serves the loading page on the app's port until {@link LoadingServer.close}. */
export function startLoadingPage(port: number, host: string): LoadingServer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { port, host, html: loadingPage(null), text: loadingText(null) },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    update: (progress) => worker.postMessage({ html: loadingPage(progress), text: loadingText(progress) }),
    close: async () => {
      worker.postMessage('close');
      await exited;
    },
  };
}

export interface LoadingServer {
  update(progress: DemoLoadProgress): void;
  /** Resolves once the port is free again. */
  close(): Promise<void>;
}
