// End-to-end checks of `newsq serve` in a real headless Chromium (Debian's), driven by
// playwright-core. Run by tests/browser.rs against a server on the repository's corpus/
// plus corpus/zz-inject.txt (an article full of markup that must stay text):
//
//     NEWSQ_URL=http://127.0.0.1:PORT/ SCREENSHOTS=target/screenshots node tests/browser/e2e.mjs
//
// Prints `ok NAME` or `FAIL NAME: why` per check and a closing `N passed, N failed` line.
// Exit 0 when all passed, 1 when any failed, 2 when it cannot run (no Chromium, no
// playwright-core, no NEWSQ_URL).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
// The seed article about the Harbin expo (see ../shared/seeds/gold.json).
const HARBIN_SEED = '000_610c323dfd9cfea5.txt';
// A word of every seed article: the facet step needs several matches.
const BROAD_QUERY = 'putin';
const INJECT_FILE = 'zz-inject.txt';
const INJECT_WORD = 'injectedmarker';

function cannotRun(why) {
  console.error(`e2e: cannot run: ${why}`);
  process.exit(2);
}

if (!existsSync(CHROMIUM)) {
  cannotRun(`${CHROMIUM} is missing (apt-get install --no-install-recommends chromium)`);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  cannotRun(`playwright-core is missing (npm ci --prefix tests/browser): ${e.message}`);
}
const base = process.env.NEWSQ_URL;
if (!base) cannotRun('NEWSQ_URL is not set (the URL `newsq serve` printed)');
const shots = process.env.SCREENSHOTS || join(tmpdir(), 'newsq-screenshots');
mkdirSync(shots, { recursive: true });

const url = (rel) => new URL(rel, base).href;
const started = Date.now();
let passed = 0;
let failed = 0;

function assert(cond, why) {
  if (!cond) throw new Error(why);
}

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok ${name}`);
  } catch (e) {
    failed++;
    const why = String(e && e.message ? e.message : e).split('\n')[0];
    console.log(`FAIL ${name}: ${why}`);
  }
}

const profile = mkdtempSync(join(tmpdir(), 'newsq-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 800 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
context.setDefaultTimeout(15000); // generous: cargo test runs other tests beside this one
context.setDefaultNavigationTimeout(20000);

// Errors the pages report by themselves (a blocked style, a failing newsq.js): collected
// for every page except while the injection check provokes them on purpose.
const consoleErrors = [];
let collectErrors = true;
function watch(page) {
  page.on('console', (msg) => {
    if (!collectErrors || msg.type() !== 'error') return;
    const where = msg.location().url || '';
    if (where.endsWith('/favicon.ico')) return;
    consoleErrors.push(`${msg.text()} (${where || page.url()})`);
  });
  page.on('pageerror', (err) => {
    if (collectErrors) consoleErrors.push(`uncaught: ${err.message} (${page.url()})`);
  });
}
context.on('page', watch);
const page = context.pages()[0] || (await context.newPage());
watch(page);

// Navigates and returns the response (its headers), failing on a non-200 status.
async function open(rel) {
  const resp = await page.goto(url(rel), { waitUntil: 'load' });
  assert(resp, `no response for ${rel}`);
  assert(resp.status() === 200, `GET ${rel}: status ${resp.status()}`);
  return resp;
}

// Clicks a link and waits for the page it leads to; returns that page's response.
async function follow(locator) {
  const [resp] = await Promise.all([
    page.waitForEvent('response', {
      predicate: (r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame(),
    }),
    locator.click(),
  ]);
  await page.waitForLoadState('load');
  return resp;
}

const marksOf = (hit) =>
  hit.locator('a.title mark, p.passage mark').evaluateAll((ms) => ms.map((m) => m.textContent.toLowerCase()));

// a. The start page, `/` focuses the search box, a typed query, the seed ranked first.
await check('search-harbin-expo', async () => {
  await open('/');
  assert(await page.locator('form#search input#q').count() === 1, 'no form#search with input#q');
  // Not already focused (autofocus would make the check vacuous).
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press('/');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  assert(focused === 'q', `after pressing / the focused element is #${focused || '(none)'}, not #q`);
  const typedSlash = await page.locator('#q').inputValue();
  await page.locator('#q').fill('');
  await page.keyboard.type('Harbin expo');
  await Promise.all([page.waitForURL(/[?&]q=Harbin(\+|%20)expo/), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  assert(await page.locator('#q').inputValue() === 'Harbin expo', '#q does not keep the query');
  const hit = page.locator('#hits li.hit').first();
  assert(await hit.count() === 1, 'no li.hit in #hits');
  const path = await hit.getAttribute('data-path');
  assert(path && path.endsWith(HARBIN_SEED), `first hit is ${path}, not …${HARBIN_SEED}`);
  const marks = await marksOf(hit);
  for (const w of ['harbin', 'expo']) {
    assert(marks.includes(w), `no <mark>${w}</mark> in the first hit (marks: ${JSON.stringify(marks)})`);
  }
  assert(!typedSlash.includes('/'), `pressing / also typed it into #q (${JSON.stringify(typedSlash)})`);
});

// b. A facet value adds its filter: URL, the remove link, changed summary or counts.
await check('facet-filter', async () => {
  await open(`/?q=${BROAD_QUERY}`);
  const snapshot = async () => ({
    summary: ((await page.locator('#summary').textContent()) || '').trim(),
    counts: await page.locator('#facets .count').allTextContents(),
    hits: await page.locator('#hits li.hit').count(),
  });
  const before = await snapshot();
  assert(before.hits > 1, `"${BROAD_QUERY}" has ${before.hits} hits, expected several`);
  let field = null;
  for (const f of ['source', 'author', 'section', 'tag', 'lang', 'year']) {
    if (await page.locator(`#facets .facet[data-field=${f}] a.facet-value`).count() > 0) {
      field = f;
      break;
    }
  }
  assert(field, 'no a.facet-value in any #facets .facet[data-field=…]');
  const value = page.locator(`#facets .facet[data-field=${field}] a.facet-value`).first();
  const label = ((await value.textContent()) || '').trim();
  await follow(value);
  const params = new URL(page.url()).searchParams;
  assert(params.has(field), `URL ${page.url()} has no ${field}= parameter`);
  if (!label.startsWith('(')) {
    assert(params.get(field) === label, `${field}=${params.get(field)}, but the link said ${label}`);
  }
  assert(params.get('q') === BROAD_QUERY, `the filter lost the query: ${page.url()}`);
  assert(await page.locator('#active .remove-filter').count() > 0, 'no #active .remove-filter');
  const after = await snapshot();
  assert(
    after.summary !== before.summary || after.counts.join() !== before.counts.join(),
    `neither #summary nor the facet counts changed (summary ${JSON.stringify(before.summary)})`
  );
  assert(after.hits <= before.hits, `more hits with the filter (${before.hits} → ${after.hits})`);
  console.log(`  # ${field}=${label}: ${JSON.stringify(before.summary)} → ${JSON.stringify(after.summary)}, ` +
    `hits ${before.hits} → ${after.hits}`);
  // And its remove link takes the filter away again.
  await follow(page.locator('#active .remove-filter').first());
  assert(!new URL(page.url()).searchParams.has(field), `remove-filter kept ${field}= (${page.url()})`);
  assert(await page.locator('#hits li.hit').count() === before.hits, 'removing the filter did not restore the hits');
});

// c. A hit's title opens its article page.
await check('open-article', async () => {
  await open('/?q=Harbin+expo');
  const title = page.locator('#hits li.hit a.title').first();
  assert(await title.count() === 1, 'no li.hit a.title');
  await follow(title);
  const u = new URL(page.url());
  assert(u.pathname === '/article', `URL path is ${u.pathname}, not /article`);
  assert(u.searchParams.get('path')?.endsWith(HARBIN_SEED), `path=${u.searchParams.get('path')}`);
  const h1 = ((await page.locator('#article h1#title').textContent().catch(() => '')) || '').trim();
  assert(h1 !== '', '#title (in #article) is missing or empty');
  const paragraphs = await page.locator('#body p').count();
  assert(paragraphs > 0, 'no #body p');
  const marks = await page.locator('#body mark').allTextContents();
  assert(marks.some((m) => m.toLowerCase() === 'harbin'), 'the query words are not marked in #body');
  const back = await page.locator('a#back').getAttribute('href');
  assert(back && /[?&]q=/.test(back), `a#back href is ${back}`);
});

// d. The CSV download is the CLI's CSV.
await check('download-csv', async () => {
  await open('/?q=Harbin+expo');
  const link = page.locator('#download-csv');
  assert(await link.count() === 1, 'no #download-csv');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  assert(lines[0].startsWith('rank,score,path'), `first line is ${JSON.stringify(lines[0].slice(0, 60))}`);
  assert(lines.length >= 2, 'no data row');
  assert(lines[1].startsWith('1,'), `first data row is ${JSON.stringify(lines[1].slice(0, 60))}`);
  assert(lines[1].includes(HARBIN_SEED), 'the first data row is not the Harbin seed');
  const name = download.suggestedFilename();
  assert(name.endsWith('.csv'), `suggested file name ${name}`);
});

// e. Markup in an article stays text; the CSP forbids inline scripts.
const injectPages = []; // [what, response] of the pages seen, for their headers
await check('injection-escaped', async () => {
  const pages = injectPages;
  const search = await open(`/?q=${INJECT_WORD}`);
  pages.push(['search', search]);
  const hit = page.locator('#hits li.hit').first();
  assert(await hit.count() === 1, `no hit for ${INJECT_WORD}`);
  const path = await hit.getAttribute('data-path');
  assert(path && path.endsWith(INJECT_FILE), `first hit is ${path}, not …${INJECT_FILE}`);
  const inspect = async (what) => {
    const seen = await page.evaluate(() => ({
      pwned: typeof window.__pwned,
      text: document.body.innerText,
      scripts: Array.from(document.scripts).map((s) => s.getAttribute('src') || `inline: ${s.textContent.slice(0, 40)}`),
      onerror: document.querySelectorAll('[onerror]').length,
      imgs: Array.from(document.images).map((i) => i.getAttribute('src')),
      bold: document.querySelectorAll('a.title b, #title b').length,
    }));
    assert(seen.pwned === 'undefined', `${what}: window.__pwned is set (${seen.pwned})`);
    assert(seen.text.includes('<script>'), `${what}: the literal text <script> is not visible`);
    assert(seen.text.includes('<b>bold</b>'), `${what}: the literal title text <b>bold</b> is not visible`);
    const own = (s) => new URL(s, page.url()).href === url('/assets/newsq.js');
    assert(seen.scripts.every(own), `${what}: scripts ${JSON.stringify(seen.scripts)}`);
    assert(seen.onerror === 0, `${what}: ${seen.onerror} element(s) with an onerror attribute`);
    assert(!seen.imgs.includes('x'), `${what}: an <img src=x> element exists`);
    assert(seen.bold === 0, `${what}: the title's <b> became an element`);
  };
  await inspect('search page');
  const article = await follow(hit.locator('a.title'));
  assert(new URL(page.url()).pathname === '/article', `the hit led to ${page.url()}`);
  assert(article.status() === 200, `article status ${article.status()}`);
  pages.push(['article', article]);
  await inspect('article page');
  // Without q= (no words to mark) the text takes another way to the page.
  await open(`/article?path=${encodeURIComponent(path)}`);
  await inspect('article page without q');
});

await check('security-headers', async () => {
  assert(injectPages.length === 2, `only ${injectPages.length} of the 2 pages were seen`);
  for (const [what, resp] of injectPages) {
    const h = await resp.allHeaders();
    const csp = h['content-security-policy'] || '';
    assert(csp.includes("script-src 'self'"), `${what}: CSP ${JSON.stringify(csp)} lacks script-src 'self'`);
    assert(!csp.includes('unsafe-inline'), `${what}: CSP allows unsafe-inline`);
    assert(/default-src 'none'/.test(csp), `${what}: CSP lacks default-src 'none'`);
    assert(h['x-content-type-options'] === 'nosniff', `${what}: X-Content-Type-Options ${h['x-content-type-options']}`);
    assert(h['referrer-policy'] === 'no-referrer', `${what}: Referrer-Policy ${h['referrer-policy']}`);
  }
});

// The CSP itself blocks an inline script (its console error is expected: not collected).
await check('csp-blocks-inline-script', async () => {
  await open(`/?q=${INJECT_WORD}`);
  collectErrors = false;
  try {
    await page.addScriptTag({ content: 'window.__inline=1' }).catch(() => {});
    const inline = await page.evaluate(() => typeof window.__inline);
    assert(inline === 'undefined', 'an inline <script> ran: the CSP does not block it');
  } finally {
    collectErrors = true;
  }
});

// f. Screenshots at desktop and phone widths; no sideways scrolling on a phone.
await check('screenshots', async () => {
  const noSideways = async (what, width) => {
    const [w, wide] = await page.evaluate((width) => {
      const name = (e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') +
        (e.classList.length ? `.${[...e.classList].join('.')}` : '');
      // The innermost elements that stick out, or whose content does.
      const out = [...document.body.querySelectorAll('*')].filter((e) =>
        e.getBoundingClientRect().right > width + 1 || (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1));
      const wide = out.filter((e) => !out.some((d) => d !== e && e.contains(d)))
        .slice(0, 3)
        .map((e) => `${name(e)} (right edge ${Math.round(e.getBoundingClientRect().right)})`);
      return [document.documentElement.scrollWidth, wide];
    }, width);
    assert(w <= width + 1, `${what}: scrollWidth ${w} > ${width} (horizontal scroll; too wide: ${wide.join(', ')})`);
  };
  await page.setViewportSize({ width: 1280, height: 800 });
  await open('/?q=Harbin+expo');
  await page.screenshot({ path: join(shots, 'search-1280.png'), fullPage: true });
  await noSideways('search at 1280', 1280);
  await page.setViewportSize({ width: 390, height: 844 });
  await open('/?q=Harbin+expo');
  await page.screenshot({ path: join(shots, 'search-390.png'), fullPage: true });
  await noSideways('search at 390', 390);
  await follow(page.locator('#hits li.hit a.title').first());
  assert(new URL(page.url()).pathname === '/article', `the hit led to ${page.url()}`);
  await page.screenshot({ path: join(shots, 'article-390.png'), fullPage: true });
  await noSideways('article at 390', 390);
  // The injected article's long lines of markup must wrap too.
  await open(`/?q=${INJECT_WORD}`);
  await noSideways(`search "${INJECT_WORD}" at 390`, 390);
  console.log(`  # screenshots in ${shots}`);
});

// Every page above loaded without errors of its own (blocked styles, a failing script).
await check('no-console-errors', async () => {
  assert(consoleErrors.length === 0, `${consoleErrors.length} error(s): ${consoleErrors.slice(0, 3).join(' | ')}`);
});

await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
