// The search page in Debian's headless Chromium, driven by playwright-core.
//
// Needs a running `coursemap serve` (or the server crate's test harness) at COURSEMAP_URL;
// `cargo test -p coursemap-server --test browser` starts one on the sample catalogue and runs
// this file. Screenshots and the downloaded CSV go to COURSEMAP_ARTIFACTS
// (default: target/browser-artifacts under the repository root).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE = process.env.COURSEMAP_URL;
const ARTIFACTS = process.env.COURSEMAP_ARTIFACTS || path.resolve(here, '../../target/browser-artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

assert.ok(BASE, 'set COURSEMAP_URL to a running coursemap server, e.g. http://127.0.0.1:8080');

let profile;
let context;
const offsite = []; // requests the page tried to make to anywhere but the server
const problems = []; // console errors, page errors, alert() calls

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  profile = await mkdtemp(path.join(tmpdir(), 'coursemap-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  // Everything the page needs is on the server: refuse (and remember) anything else.
  const origin = new URL(BASE).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offsite.push(url);
    return route.abort();
  });
});

after(async () => {
  if (context) await context.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

async function newPage() {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', async (dialog) => {
    problems.push(`unexpected ${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return page;
}

async function api(pathAndQuery) {
  const response = await fetch(new URL(pathAndQuery, BASE));
  assert.equal(response.status, 200, `${pathAndQuery}: ${response.status}`);
  return response.json();
}

async function cardTitles(page) {
  return page.locator('#hits > li h3').allTextContents();
}

// Waits until the count line reflects a finished search for `expectedTotal` results.
async function waitForTotal(page, expectedTotal) {
  const text = expectedTotal === 0 ? 'No courses match.' : new RegExp(`^${expectedTotal} courses? found`);
  await page.locator('#result-count').filter({ hasText: text }).waitFor();
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy'));
}

test('search as you type, tick filters, see the expected cards, details, CSV, shared URL', async () => {
  const page = await newPage();
  await page.goto(new URL('/', BASE).href);
  const all = await api('/api/search?limit=1');
  await waitForTotal(page, all.total);

  // Typing: results follow the words without pressing Enter.
  const box = page.getByLabel('Search courses');
  await box.click();
  await box.pressSequentially('improvement', { delay: 30 });
  const typed = await api('/api/search?q=improvement&limit=100');
  await waitForTotal(page, typed.total);

  // Filters are labelled checkboxes with counts.
  await page.getByRole('checkbox', { name: /^Level 7 \(\d+\)$/ }).check();
  await page.getByRole('checkbox', { name: /^Distance learning \(\d+\)$/ }).check();
  const expected = await api('/api/search?q=improvement&level=7&delivery=distance&limit=100');
  assert.ok(expected.total >= 1, 'the sample has level-7 distance courses about improvement');
  await waitForTotal(page, expected.total);
  assert.deepEqual(await cardTitles(page), expected.hits.map((h) => h.title));
  for (const card of await page.locator('#hits > li').all()) {
    const facts = await card.locator('dl.facts').innerText();
    assert.match(facts, /FHEQ level .*7/);
    assert.match(facts, /Distance learning/);
  }
  // Matched words are highlighted, and only <b> survives from the snippet.
  assert.ok(await page.locator('#hits .snippet b').count() > 0, 'matched words are marked');
  assert.equal(await page.locator('#hits .snippet *:not(b)').count(), 0);

  // The state is in the URL.
  const shared = new URL(page.url());
  assert.equal(shared.searchParams.get('q'), 'improvement');
  assert.deepEqual(shared.searchParams.getAll('level'), ['7']);
  assert.deepEqual(shared.searchParams.getAll('delivery'), ['distance']);

  await page.screenshot({ path: path.join(ARTIFACTS, 'search.png'), fullPage: true });

  // Details: a modal dialog with the evidence in words; Escape closes it and focus returns.
  // (Open a card whose record has evidence: the answer key's records leave it to a crawl.)
  const courses = await Promise.all(expected.hits.map((hit) => api(`/api/courses/${hit.id}`)));
  const withEvidence = courses.findIndex((c) => c.evidence.length > 0);
  assert.ok(withEvidence >= 0, 'one of the expected cards has evidence');
  const course = courses[withEvidence];
  const detailsButton = page.locator('#hits > li').nth(withEvidence).getByRole('button', { name: 'Details and evidence' });
  await detailsButton.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.locator('#details-title').filter({ hasText: course.record.title }).waitFor();
  const evidenceItems = dialog.locator('ul.evidence > li');
  assert.equal(await evidenceItems.count(), course.evidence.length);
  const evidenceText = await evidenceItems.allInnerTexts();
  for (const item of course.evidence) {
    assert.ok(
      evidenceText.some((line) => line.startsWith(`${item.label}:`) && line.includes(`— ${item.source_description}`)),
      `evidence for ${item.field} is shown: ${evidenceText.join(' | ')}`,
    );
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'details.png') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Details and evidence');

  // The CSV link downloads the same search.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv-link').click()]);
  const csvPath = path.join(ARTIFACTS, 'search.csv');
  await download.saveAs(csvPath);
  const lines = (await readFile(csvPath, 'utf8')).trim().split(/\r?\n/);
  assert.match(lines[0], /^id,title,provider,/);
  assert.equal(lines.length - 1, expected.total, 'one CSV row per result');
  for (const hit of expected.hits) assert.ok(lines.some((line) => line.startsWith(`${hit.id},`)), `${hit.id} in the CSV`);

  // A shared URL restores the search in a fresh page.
  const again = await newPage();
  await again.goto(shared.href);
  await waitForTotal(again, expected.total);
  assert.equal(await again.getByLabel('Search courses').inputValue(), 'improvement');
  assert.ok(await again.getByRole('checkbox', { name: /^Level 7 / }).isChecked());
  assert.ok(await again.getByRole('checkbox', { name: /^Distance learning / }).isChecked());
  assert.deepEqual(await cardTitles(again), expected.hits.map((h) => h.title));

  // Phone width: results first (filters folded away), nothing wider than the screen.
  const phone = await newPage();
  await phone.setViewportSize({ width: 375, height: 812 });
  await phone.goto(shared.href);
  await waitForTotal(phone, expected.total);
  assert.equal(await phone.locator('#filter-panel').getAttribute('open'), null, 'filters start folded on a phone');
  assert.match(await phone.locator('#filter-panel summary').innerText(), /Filters \(2 active\)/);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 375px`);
  await phone.screenshot({ path: path.join(ARTIFACTS, 'search-phone.png'), fullPage: true });
  await phone.locator('#filter-panel summary').click();
  assert.ok(await phone.getByRole('checkbox', { name: /^Level 7 / }).isChecked());
  await phone.screenshot({ path: path.join(ARTIFACTS, 'search-phone-filters.png') });
  await phone.close();
  await again.close();
  await page.close();
});

test('record text is shown as text, never run as HTML', async () => {
  const page = await newPage();
  const hostile = await api('/api/search?q=%22leading+improvement%22&limit=5');
  assert.ok(hostile.total >= 1, 'the sample has a record whose entry text holds markup');
  await page.goto(new URL('/?q=%22leading+improvement%22', BASE).href);
  await waitForTotal(page, hostile.total);
  const entry = await page.locator('#hits > li').first().locator('dd').nth(4).textContent();
  assert.ok(entry.includes('<script>'), `markup appears as text: ${entry}`);
  assert.equal(await page.locator('#hits script').count(), 0);
  await page.close();
});

test('keyboard: the search box, filters and details are reachable with Tab', async () => {
  const page = await newPage();
  await page.goto(new URL('/?q=improvement', BASE).href);
  await page.locator('#hits > li').first().waitFor();
  await page.keyboard.press('Tab'); // skip link
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  // Tab until a details button has focus, then open it with Enter.
  let reached = false;
  for (let i = 0; i < 80 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.classList.contains('details-button'));
  }
  assert.ok(reached, 'a details button is reachable by keyboard');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await page.close();
});

test('nothing was loaded from elsewhere and the page logged no errors', () => {
  assert.deepEqual(offsite, []);
  assert.deepEqual(problems, []);
});
