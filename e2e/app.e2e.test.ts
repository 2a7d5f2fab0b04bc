/**
 * The web app end to end, in Debian's chromium against a real `kith serve`:
 * first run, contacts, touches and the agenda, quick capture, the composer,
 * imports through the preview, logout and login, isolation between users, and
 * the accessibility check (axe-core) with screenshots of every main page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeSerious, launchChromium, newContext, shoot, startKith, watchProblems, type KithServer } from './harness.js';

const OWNER = { name: 'Mira Owner', email: 'mira@example.com', password: 'correct horse battery' };

let server: KithServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];
let annaId = '';

const addDaysTo = (day: string, n: number): string => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The server's "today" (its clock, its user's zone), read as the app reads it. */
async function serverToday(p: Page): Promise<string> {
  return p.evaluate(async () => ((await (await fetch('/api/v1/agenda')).json()) as { date: string }).date);
}

async function agendaNames(p: Page): Promise<string[]> {
  return p.evaluate(async () => {
    const a = (await (await fetch('/api/v1/agenda')).json()) as { items: Array<{ contacts: Array<{ name: string }> }> };
    return a.items.flatMap((i) => i.contacts.map((c) => c.name));
  });
}

beforeAll(async () => {
  server = await startKith();
  browser = await launchChromium();
  context = await newContext(browser, server);
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  problems = watchProblems(page);
});

afterEach(async (ctx) => {
  // A failed step leaves a picture of what the browser showed.
  if (ctx.task.result?.state === 'fail') await shoot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('kith in the browser', () => {
  test('first run sets up the owner and lands on Today with the starting-circle empty state', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to kith' }).waitFor();
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.getByRole('heading', { name: "Start with 3–5 people you'd like to know better" }).waitFor();
    await shoot(page, 'today-empty-desktop');
  });

  test('add a contact, log an inbound message, the agenda asks for a reply; replying clears it', async () => {
    const form = page.getByRole('form', { name: 'Add a contact' });
    await form.getByLabel('Name').fill('Anna Schmidt');
    await form.getByLabel('Email').fill('anna@example.com');
    await form.getByLabel('Company').fill('Ferrous Systems');
    await form.getByRole('button', { name: 'Add contact' }).click();
    // The empty state gives way to the agenda once someone is in the network; nobody is due yet.
    await page.getByRole('heading', { name: "Start with 3–5 people you'd like to know better" }).waitFor({ state: 'detached' });
    expect(await agendaNames(page)).toEqual([]);

    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('link', { name: /Anna Schmidt/ }).click();
    await page.getByRole('heading', { name: 'Anna Schmidt', level: 1 }).waitFor();
    annaId = page.url().split('/contacts/')[1] ?? '';
    expect(annaId).not.toBe('');

    const today = await serverToday(page);
    const log = page.getByRole('form', { name: 'Log a touch' });
    await log.getByLabel('Kind of touch').selectOption('dm');
    await log.getByLabel('Who reached out').selectOption('them');
    await log.getByLabel('When').fill(addDaysTo(today, -4));
    await log.getByLabel('About').fill('Asked about the Rust meetup');
    await log.getByRole('button', { name: 'Log touch' }).click();
    await log.getByText('Logged.').waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByText('Asked about the Rust meetup').waitFor();

    await page.getByRole('link', { name: 'Today', exact: true }).click();
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Anna Schmidt' }) });
    await item.waitFor();
    expect(await agendaNames(page)).toEqual(['Anna Schmidt']);
    await shoot(page, 'today-desktop');

    await item.getByRole('button', { name: 'Log touch' }).click();
    await item.waitFor({ state: 'detached' });
    expect(await agendaNames(page)).toEqual([]);
  });

  test('quick capture from anywhere previews what it will write, then writes it', async () => {
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    await page.locator('body').click();
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Quick capture' });
    await dialog.waitFor();
    await dialog
      .getByLabel('What happened?')
      .fill('coffee with Anna Schmidt yesterday about Rust meetup; promised to send slides by Friday');
    const preview = dialog.getByRole('region', { name: 'Preview' });
    await preview.getByText('This will be written').waitFor();
    await preview.getByText('Anna Schmidt').first().waitFor();
    await preview.getByText(/You promised: .*slides/).waitFor();
    await shoot(page, 'capture-desktop');
    await page.keyboard.press('Enter');
    await dialog.getByText(/^Saved/).waitFor();
    await page.keyboard.press('Escape');

    const commitments = await page.evaluate(
      async (id) => (await (await fetch(`/api/v1/commitments?contact=${id}`)).json()) as { commitments: Array<{ text: string }> },
      annaId,
    );
    expect(commitments.commitments.map((c) => c.text).join(' ')).toMatch(/slides/);
    await page.goto(`/contacts/${annaId}`);
    await page.getByRole('region', { name: 'Timeline' }).getByText('coffee').first().waitFor();
    await page
      .getByRole('region', { name: 'Commitments' })
      .getByText(/slides/)
      .waitFor();
    await shoot(page, 'contact-desktop');
  });

  test('the composer checks a generic message live and shows hooks', async () => {
    await page.goto(`/compose?who=${annaId}`);
    const box = page.getByLabel('Message to Anna Schmidt');
    await box.fill('Hi Anna, just checking in! Hope you are well.');
    const check = page.getByRole('region', { name: 'Message check' });
    const findings = check.getByRole('list', { name: 'Findings' });
    await findings.locator('[data-code="generic-phrase"]').first().waitFor();
    const genericScore = Number(await check.locator('.check-score').textContent());
    await box.fill(
      'Hi Anna, your talk at the Rust meetup on async traits stuck with me. I wrote up the slides I promised: https://example.com/slides. Could I return the favour with a review of your crate?',
    );
    await check.locator('[data-code="generic-phrase"]').first().waitFor({ state: 'detached' });
    const specificScore = Number(await check.locator('.check-score').textContent());
    expect(specificScore).toBeGreaterThan(genericScore);
    await page.getByRole('button', { name: 'Copy to clipboard' }).click();
    await page.getByText('Copied.').waitFor();
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
      ),
    ).toMatch(/async traits/);
    await shoot(page, 'composer-desktop');
  });

  test('imports a vCard and a LinkedIn CSV through the preview', async () => {
    await page.goto('/import');
    const vcard = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Bjørn Larsen',
      'N:Larsen;Bjørn;;;',
      'EMAIL:bjorn@example.org',
      'ORG:Oxide',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Chen Wei',
      'EMAIL:chen@example.org',
      'END:VCARD',
    ].join('\r\n');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'friends.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcard) });
    await page.getByRole('button', { name: 'Preview' }).click();
    const report = page.getByLabel('Import report');
    await report.waitFor();
    expect(await report.locator('[data-count="new"]').textContent()).toBe('2');
    await page.getByRole('button', { name: /^Import \d+ records$/ }).click();
    await page.getByText('Imported.').waitFor();

    const csv = [
      'Notes:',
      '"When exporting your connection data, you may notice that some of the email addresses are missing."',
      '',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Dana,Okafor,https://www.linkedin.com/in/dana-okafor,dana@example.net,Stripe,Staff Engineer,03 Feb 2024',
      'Eli,Novak,https://www.linkedin.com/in/eli-novak,,Mozilla,Engineer,11 Mar 2023',
      ',,,,,,',
    ].join('\n');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Preview' }).click();
    await report.waitFor();
    expect(await report.locator('[data-count="new"]').textContent()).toBe('2');
    await shoot(page, 'import-desktop');
    await page.getByRole('button', { name: /^Import \d+ records$/ }).click();
    await page.getByText('Imported.').waitFor();

    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('okafor');
    await page.getByRole('link', { name: /Dana Okafor/ }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    for (const name of ['Bjørn Larsen', 'Chen Wei', 'Eli Novak', 'Anna Schmidt'])
      await page.getByRole('link', { name: new RegExp(name) }).waitFor();
  });

  test('suggests a likely duplicate and merges it only when asked', async () => {
    await page.goto('/import');
    const vcard = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Bjorn Larsen',
      'EMAIL:bjorn.larsen@oxide.example',
      'ORG:Oxide',
      'END:VCARD',
    ].join('\r\n');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'more.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcard) });
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: /^Import \d+ records?$/ }).click();
    await page.getByText('Imported.').waitFor();
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('link', { name: 'Possible duplicates' }).click();
    const pair = page.locator('li.card').filter({ hasText: 'Bjørn Larsen' }).filter({ hasText: 'Bjorn Larsen' });
    await pair.waitFor();
    await shoot(page, 'duplicates-desktop');
    await pair.getByRole('button', { name: 'Keep Bjørn Larsen, merge the other into it' }).click();
    await page.getByText('No likely duplicates.').waitFor();
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('larsen');
    await page.getByRole('link', { name: /Bjørn Larsen/ }).waitFor();
    expect(await page.getByRole('link', { name: /Bjorn Larsen/ }).count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
  });

  test('log out, then log in again', async () => {
    await page.goto('/import');
    await page.getByRole('heading', { name: 'Import & export', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('That email and password do not match.').waitFor();
    await shoot(page, 'login-desktop');
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    // Back where we were (the Import page), logged in again.
    await page.getByRole('heading', { name: 'Import & export', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  });

  test('a second user sees none of the first user’s data', async () => {
    const invite = await page.evaluate(async () => {
      const csrf = ((await (await fetch('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
      const r = await fetch('/api/v1/invitations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: '{}',
      });
      return ((await r.json()) as { url: string }).url;
    });
    const token = invite.split('/invite/')[1] ?? '';
    const other = await newContext(browser, server);
    const p2 = await other.newPage();
    await p2.goto('/');
    await p2.getByRole('heading', { name: 'Log in' }).waitFor();
    const status = await p2.evaluate(async (tok) => {
      const r = await fetch('/api/v1/invitations/accept', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: tok, email: 'noor@example.com', password: 'another long password', name: 'Noor' }),
      });
      return r.status;
    }, token);
    expect(status).toBe(201);
    await p2.goto('/');
    await p2.getByRole('heading', { name: "Start with 3–5 people you'd like to know better" }).waitFor();
    await p2.getByRole('link', { name: 'Contacts', exact: true }).click();
    await p2.getByRole('heading', { name: "Start with 3–5 people you'd like to know better" }).waitFor();
    expect(await p2.getByText('Anna Schmidt').count()).toBe(0);
    const leaks = await p2.evaluate(async (id) => {
      const search = (await (await fetch('/api/v1/search?q=anna')).json()) as { results: unknown[] };
      const direct = (await fetch(`/api/v1/contacts/${id}`)).status;
      return { results: search.results.length, direct };
    }, annaId);
    expect(leaks).toEqual({ results: 0, direct: 404 });
    await p2.goto(`/contacts/${annaId}`);
    await p2.getByRole('alert').waitFor();
    await other.close();
  });

  const MAIN_PAGES: Array<[string, string, string]> = [
    ['today', '/', 'Today'],
    ['contacts', '/contacts', 'Contacts'],
    ['contact', '', 'Anna Schmidt'],
    ['composer', '/compose', 'Composer'],
    ['insights', '/insights', 'Insights'],
    ['network', '/network', 'Events & communities'],
    ['introductions', '/introductions', 'Introductions'],
    ['writing', '/writing', 'Writing'],
    ['resources', '/resources', 'Resources'],
    ['import', '/import', 'Import & export'],
    ['settings', '/settings', 'Settings'],
  ];

  for (const [name, path, heading] of MAIN_PAGES) {
    test(`${name}: no serious or critical accessibility violations, in light and dark, at desktop and phone width`, async () => {
      const url = path || `/contacts/${annaId}`;
      for (const [size, viewport] of [
        ['desktop', { width: 1280, height: 860 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        await page.setViewportSize(viewport);
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(url);
          await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
          await page.waitForLoadState('networkidle');
          const violations = await axeSerious(page);
          expect(violations, `${name} ${size} ${scheme}`).toEqual([]);
          await shoot(page, `${name}-${size}${scheme === 'dark' ? '-dark' : ''}`);
        }
      }
      await page.setViewportSize({ width: 1280, height: 860 });
      await page.emulateMedia({ colorScheme: 'light' });
    });
  }

  test('no CSP violations or script errors on any page', () => {
    expect(problems).toEqual([]);
  });
});
