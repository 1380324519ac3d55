// The first start's demo load says how far it has come on the app's port (issue 16, item 17).
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadingText, startLoadingPage } from './loading-page.js';
import { freePort } from '../test/support.js';

/** Fetches until the worker listens (it starts on its own thread). */
async function fetchWhenUp(url: string): Promise<Response> {
  for (let i = 0; ; i++) {
    try {
      return await fetch(url);
    } catch (error) {
      if (i > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('the page shown while the demo loads', () => {
  it('names the step in Swedish', () => {
    expect(loadingText({ step: 3, steps: 5, label: 'Läser in i databasen', percent: 40 })).toBe(
      'Demodata laddas … (steg 3 av 5: Läser in i databasen, 40 %)',
    );
  });

  it('answers on the port with the latest step, 503 for the API, and frees the port when closed', async () => {
    const port = await freePort();
    const page = startLoadingPage(port, '127.0.0.1');
    page.update({ step: 2, steps: 5, label: 'Kontrollerar SS12000-filerna', percent: 50 });
    const html = await fetchWhenUp(`http://127.0.0.1:${port}/pupils`);
    expect(html.status).toBe(503);
    expect(html.headers.get('retry-after')).toBe('5');
    const body = await html.text();
    expect(body).toContain('lang="sv"');
    expect(body).toContain('Demodata laddas … (steg 2 av 5: Kontrollerar SS12000-filerna, 50 %)');
    page.update({ step: 4, steps: 5, label: 'Räknar närvaro per elev och dag', percent: null });
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/auth/me`)).json())
      .toEqual({
        error: 'DEMO_LOADING',
        message: 'Demodata laddas … (steg 4 av 5: Räknar närvaro per elev och dag)',
      });
    await page.close();
    // The app can take the port at once.
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
