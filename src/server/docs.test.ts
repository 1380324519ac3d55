// Every error code and audit event type is documented (the docs are the contract for clients and auditors).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from './errors.js';

const read = (file: string) => fs.readFileSync(new URL(`../../docs/${file}`, import.meta.url), 'utf8');

describe('documentation', () => {
  it('lists every error code with its HTTP status', () => {
    const doc = read('errors.md');
    for (const [code, status] of Object.entries(ERROR_STATUS))
      expect(doc).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
  });

  it('lists every audit event type', () => {
    const source = fs.readFileSync(new URL('./audit/write-audit-event.ts', import.meta.url), 'utf8');
    const types = [...source.matchAll(/\| \{ type: '([a-z0-9.-]+)'/g)].map((m) => m[1]);
    expect(types.length).toBeGreaterThan(5);
    const doc = read('audit-events.md');
    for (const type of types) expect(doc).toContain(`\`${type}\``);
  });
});
