/**
 * Imports and exports over HTTP, on both databases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { DIALECTS } from '../support/stores.js';
import { Client, testServer, type TestServer } from './harness.js';

const fixture = (p: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'formats', 'contacts', p), 'utf8');

describe.each(DIALECTS)('import and export routes on %s', (dialect) => {
  let t: TestServer;
  let client: Client;
  beforeEach(async () => {
    t = await testServer(dialect);
    client = new Client(t.app);
    expect((await client.login('owner@example.com')).status).toBe(200);
  });
  afterEach(async () => t.cleanup());

  it('previews, imports and re-imports a LinkedIn file, then exports', async () => {
    const file = fixture('linkedin-2024.csv');
    const send = (q: string) => client.req('POST', `/api/v1/imports?${q}`, { raw: { body: file, type: 'text/csv' } });
    const preview = await send('name=Connections.csv&dryRun=1');
    expect(preview.status).toBe(200);
    expect(preview.body.format).toBe('linkedin');
    expect(preview.body.dryRun).toBe(true);
    expect(preview.body.counts.new).toBeGreaterThan(0);
    expect((await client.get('/api/v1/contacts')).body.contacts).toHaveLength(0);
    const real = await send('name=Connections.csv');
    expect(real.status).toBe(201);
    expect(real.body.counts.new).toBe(preview.body.counts.new);
    expect((await send('name=Connections.csv')).body.counts.new).toBe(0);
    const csv = await client.get('/api/v1/export/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const vcf = await client.get('/api/v1/export/vcard?version=4');
    expect(vcf.text).toMatch(/VERSION:4\.0/);
    expect((await client.get('/api/v1/export/pdf')).status).toBe(400);
    expect((await client.req('POST', '/api/v1/imports', { raw: { body: '', type: 'text/plain' } })).status).toBe(400);
  });
});
