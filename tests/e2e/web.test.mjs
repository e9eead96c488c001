// The privacy center and the staff console in headless Chromium (Debian's, driven by
// playwright-core): every request type in English and Spanish, the status link, GPC, HTML and
// script payloads shown as text, a staff member's TOTP sign-in and an extension, an access request
// fulfilled from the console and its package downloaded by the consumer with an emailed code, a
// consumer confirming their email to verify a request, an authorized agent sending the consumer's
// signed permission and the consumer confirming it with their own code, a consumer sending a copy
// of an identity document that a reviewer accepts (and which is then erased), a trainee scored
// on a training scenario, the dashboards with data (charts, tables, a CSV download), and
// axe-core on every page (no serious or critical violation).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, totp } from './server.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  if (server) {
    const verified = await server.stop();
    assert.match(verified, /ok|verified/i, 'the audit chain verifies after the browser tests');
  }
});

// axe needs to inject its script, which the pages' CSP forbids: a context that bypasses CSP is
// used for the accessibility checks only.
async function axeViolations(url, setup, page) {
  const context = page ? null : await browser.newContext({ bypassCSP: true });
  page = page ?? await context.newPage();
  await page.goto(url);
  if (setup) await setup(page);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run());
  await context?.close();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const types = ['access', 'categories', 'delete', 'correct', 'opt_out', 'limit'];
const texts = {
  en: { confirm: 'We have received your request', status: 'Received — we are reviewing it.' },
  es: { confirm: 'Hemos recibido su solicitud', status: 'Recibida: la estamos revisando.' },
};

for (const lang of ['en', 'es']) {
  test(`a consumer submits every request type in ${lang} and follows the status link`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const type of types) {
      await page.goto(`${server.base}/privacy?lang=${lang}`);
      await page.click(`a[href="/privacy/request?type=${type}&lang=${lang}"]`);
      assert.equal(await page.isChecked(`#type-${type}`), true);
      await page.fill('#email', `${type}.${lang}@example.com`);
      await page.fill('#name', 'Ana Núñez');
      await page.selectOption('#jurisdiction', 'US-CA');
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=reference]');
      assert.match(await page.textContent('h1'), new RegExp(texts[lang].confirm));
      assert.match(await page.textContent('[data-testid=reference]'), /^RD-\d{4}-\d{5}$/);
      await page.click('[data-testid=status-link]');
      assert.equal((await page.textContent('[data-testid=status]')).trim(), texts[lang].status);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
    }
    await context.close();
  });
}

test('a browser sending Sec-GPC sees its opt-out honored', async () => {
  const context = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
  const page = await context.newPage();
  await page.goto(`${server.base}/privacy`);
  assert.match(await page.textContent('#gpc-title'), /Opt-Out Request Honored/);
  const cookies = await context.cookies();
  assert.ok(cookies.some((c) => c.name === 'rd_browser' && c.httpOnly), 'the browser id is kept');
  await context.close();
  const plain = await browser.newPage();
  await plain.goto(`${server.base}/privacy`);
  assert.equal(await plain.$('#gpc-title'), null);
  await plain.close();
});

const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';

test('HTML and script typed by a consumer stay text for staff', async () => {
  const consumer = await browser.newPage();
  await consumer.goto(`${server.base}/privacy/request?type=delete`);
  await consumer.fill('#email', 'payload@example.com');
  await consumer.fill('#name', payload);
  await consumer.fill('#message', payload);
  await consumer.click('button[type=submit]');
  const reference = (await consumer.textContent('[data-testid=reference]')).trim();
  assert.equal(await consumer.evaluate(() => window.__xss), undefined);
  await consumer.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  await signIn(page, server.staff[0]);
  await page.goto(`${server.base}/console/requests`);
  await page.fill('#q', reference);
  await page.click('form[role=search] button');
  await page.click(`text=${reference}`);
  assert.equal((await page.textContent('[data-testid=subject-name]')).trim(), payload);
  assert.equal((await page.textContent('[data-testid=message]')).trim(), payload);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.$('[data-testid=subject-name] img'), null);
  assert.equal(dialogs, 0);
  await context.close();
});

async function signIn(page, account) {
  await page.goto(`${server.base}/console`);
  assert.match(page.url(), /\/console\/login$/);
  await page.fill('#username', account.username);
  await page.fill('#password', account.password);
  await page.fill('#code', totp(account.totp_secret));
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=tile-open]');
}

test('a staff member signs in with TOTP, finds a request, extends it and sees the timeline', async () => {
  const consumer = await browser.newPage();
  await consumer.goto(`${server.base}/privacy/request?type=access`);
  await consumer.fill('#email', 'extend.me@example.com');
  await consumer.click('button[type=submit]');
  const reference = (await consumer.textContent('[data-testid=reference]')).trim();
  await consumer.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server.staff[1]);
  assert.ok(Number(await page.textContent('[data-testid=tile-received]')) >= 1);
  await page.click('nav >> text=Queue');
  await page.fill('#q', 'extend.me@example.com');
  await page.click('form[role=search] button');
  await page.click(`text=${reference}`);
  await page.fill('#extend-reason', 'Records in several systems');
  await page.click('text=Extend the deadline');
  await page.waitForSelector('.notice');
  assert.match(await page.textContent('.notice'), /Deadline extended/);
  assert.match(await page.textContent('[data-testid=due]'), /extended/);
  const timeline = await page.textContent('[data-testid=timeline]');
  assert.match(timeline, /request\.submitted/);
  assert.match(timeline, /request\.extended/);
  assert.match(timeline, /user:bob/);
  await page.click('text=Log out');
  await page.waitForURL(/\/console\/login$/);
  await context.close();
});

test('staff search every system and offer the package; the consumer downloads it with a code', async () => {
  const email = 'luisg@embraer.com.br';  // Chinook customer 1, in the demo's data map
  const consumer = await browser.newPage();
  await consumer.goto(`${server.base}/privacy/request?type=access`);
  await consumer.fill('#email', email);
  await consumer.click('button[type=submit]');
  const reference = (await consumer.textContent('[data-testid=reference]')).trim();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server.staff[3]);
  await page.goto(`${server.base}/console/requests?q=${reference}`);
  await page.click(`text=${reference}`);
  await page.selectOption('#to', 'verified');
  await page.fill('#transition-reason', 'Three data points matched');
  await page.click('text=Change status');
  await page.waitForSelector('.notice');
  await page.click('text=Search every system');
  await page.waitForSelector('[data-testid=systems]');
  assert.match(await page.textContent('[data-testid=systems]'), /chinook\s*Customer 1, Invoice 7/);
  await page.click('text=Build the package and send the link');
  await page.waitForSelector('[data-testid=packages]');
  assert.match(await page.textContent('[data-testid=packages]'), /offered/);
  await context.close();

  const [, path] = await server.mail(email, /(\/privacy\/package\/[^\s]+)/);
  await consumer.goto(`${server.base}${path}`);
  assert.equal((await consumer.textContent('[data-testid=reference]')).trim(), reference);
  await consumer.click('[data-testid=send-code]');
  await consumer.waitForSelector('[data-testid=code-sent]');
  const [, code] = await server.mail(email, /\b(\d{6})\b/);
  await consumer.fill('#code', code);
  const [download] = await Promise.all([
    consumer.waitForEvent('download'),
    consumer.click('[data-testid=download]'),
  ]);
  assert.equal(download.suggestedFilename(), `${reference}-personal-information.zip`);
  const zip = readFileSync(await download.path());
  assert.equal(zip.subarray(0, 2).toString(), 'PK');
  await consumer.close();
});

test('a consumer confirms their email with a code and their request is verified', async () => {
  const email = 'leonekohler@surfeu.de';  // Chinook customer 2, in the demo's data map
  const context = await browser.newContext({ bypassCSP: true });  // axe runs on the page too
  const consumer = await context.newPage();
  await consumer.goto(`${server.base}/privacy/request?type=categories`);
  await consumer.fill('#email', email);
  await consumer.fill('#name', 'Leonie Köhler');
  await consumer.fill('#address', 'Theodor-Heuss-Straße 34, Stuttgart');
  await consumer.click('button[type=submit]');
  await consumer.click('[data-testid=status-link]');
  await consumer.click('[data-testid=verify-link]');
  await consumer.click('[data-testid=send-email]');
  await consumer.waitForSelector('[data-testid=code-sent]');
  await consumer.addScriptTag({ content: axeSource });
  const found = await consumer.evaluate(async () => await window.axe.run());
  const serious = found.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => v.id), [], 'the code form is accessible');
  const [, code] = await server.mail(email, /\b(\d{6})\b/);
  await consumer.fill('#code-email', code === '000000' ? '111111' : '000000');
  await consumer.click('[data-testid=confirm-email]');
  assert.match(await consumer.textContent('[data-testid=problem]'), /not right/);
  await consumer.fill('#code-email', code);
  await consumer.click('[data-testid=confirm-email]');
  await consumer.waitForSelector('[data-testid=verify-done]');
  await consumer.click(`text=Back to your request's status`);
  assert.match(await consumer.textContent('[data-testid=status]'), /verified|confirmed/i);
  await context.close();
});

test('an agent sends the consumer\'s signed permission and the consumer confirms it', async () => {
  const email = 'bjorn.hansen@yahoo.no';  // Chinook customer 4, in the demo's data map
  const context = await browser.newContext({ bypassCSP: true });
  const agent = await context.newPage();
  await agent.goto(`${server.base}/privacy/request?type=categories`);
  await agent.fill('#email', email);
  await agent.fill('#name', 'Bjørn Hansen');
  await agent.fill('#address', 'Ullevålsveien 14, Oslo');
  await agent.fill('#agent_name', 'Helper Inc');
  await agent.fill('#agent_email', 'desk@helper.example');
  await agent.click('button[type=submit]');
  await agent.click('[data-testid=status-link]');
  await agent.click('[data-testid=verify-link]');
  await agent.setInputFiles('#permission', {
    name: 'permission.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 signed'),
  });
  await agent.click('[data-testid=upload-permission]');
  await agent.waitForSelector('[data-testid=agent-permission-on-record]');
  await agent.addScriptTag({ content: axeSource });
  const found = await agent.evaluate(async () => await window.axe.run());
  const serious = found.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => v.id), [], 'the agent\'s steps are accessible');
  await agent.click('[data-testid=send-consent]');
  await agent.waitForSelector('[data-testid=code-sent]');
  await context.close();

  // The consumer reads the code in their own mailbox and confirms on the request's page.
  const [, code] = await server.mail(email, /\b(\d{6})\b/);
  const [, statusPath] = await server.mail(email, /(\/privacy\/status\/[^\s?]+)/);
  const consumer = await browser.newPage();
  await consumer.goto(`${server.base}${statusPath}/verify`);
  await consumer.fill('#code-consent', code);
  await consumer.click('[data-testid=confirm-agent]');
  await consumer.waitForSelector('[data-testid=verify-verified], [data-testid=verify-done]');
  await consumer.goto(`${server.base}${statusPath}`);
  assert.match(await consumer.textContent('[data-testid=status]'), /confirmed/i);
  await consumer.close();
});

test('a consumer sends a copy of an identity document and a reviewer accepts it', async () => {
  const email = 'ida.nomatch@example.com';  // in no system: only a reviewer can vouch for her
  const consumer = await browser.newPage();
  await consumer.goto(`${server.base}/privacy/request?type=categories`);
  await consumer.fill('#email', email);
  await consumer.fill('#name', 'Ida Nomatch');
  await consumer.click('button[type=submit]');
  const reference = (await consumer.textContent('[data-testid=reference]')).trim();
  await consumer.click('[data-testid=status-link]');
  await consumer.click('[data-testid=verify-link]');
  await consumer.setInputFiles('#identity', {
    name: 'licence.png', mimeType: 'image/png', buffer: Buffer.from('PNG licence of Ida'),
  });
  await consumer.click('[data-testid=upload-identity]');
  await consumer.waitForSelector('[data-testid=identity-pending]');
  await consumer.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server.reviewer);
  await page.click('nav >> text=Queue');
  await page.fill('#q', email);
  await page.click('form[role=search] button');
  await page.click(`text=${reference}`);
  const review = page.locator('[data-testid=identity-review]');
  await review.locator('input[name=point_name]').check();
  await review.locator('input[name=point_address]').check();
  await review.locator('button[value=accept]').click();
  await page.waitForSelector('.notice');
  assert.match(await page.textContent('.notice'), /the request is verified/);
  assert.match(await page.textContent('[data-testid=verification-reviewed]'), /name, address/);
  assert.match(await page.textContent('[data-testid=verification-documents]'), /erased/);
  assert.equal(await page.locator('[data-testid=identity-review]').count(), 0);
  await context.close();
});

test('a consumer answers the survey once after closing; staff see it on the Feedback page', async () => {
  const email = 'survey.me@example.com';
  const consumer = await browser.newPage();
  await consumer.goto(`${server.base}/privacy/request?type=opt_out`);
  await consumer.fill('#email', email);
  await consumer.click('button[type=submit]');
  const reference = (await consumer.textContent('[data-testid=reference]')).trim();

  // Staff close the request (axe runs on the console's pages, so this context bypasses CSP).
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, server.staff[4]);
  await page.goto(`${server.base}/console/requests?q=${reference}`);
  await page.click(`text=${reference}`);
  await page.selectOption('#to', 'withdrawn');
  await page.fill('#transition-reason', 'The consumer asked us to stop');
  await page.click('text=Change status');
  await page.waitForSelector('.notice');

  // The closing message carries the survey link; the page is accessible.
  const [, survey] = await server.mail(email, /(\/privacy\/feedback\/[^\s]+)/);
  assert.deepEqual(await axeViolations(`${server.base}${survey}`), []);
  const second = await browser.newPage();
  await second.goto(`${server.base}${survey}`);  // opened before the first answer is sent
  await consumer.goto(`${server.base}${survey}`);
  await consumer.check('#score-2');
  await consumer.fill('#comment', 'Too slow <b>really</b>');
  await consumer.click('[data-testid=feedback-submit]');
  assert.match(await consumer.textContent('h1'), /Thank you/);

  // The second attempt is refused with a clear page.
  await second.check('#score-5');
  const [answer] = await Promise.all([
    second.waitForNavigation(), second.click('[data-testid=feedback-submit]')]);
  assert.equal(answer.status(), 409);
  assert.match(await second.textContent('h1'), /already answered/);
  await second.close();
  await consumer.close();

  await page.click('nav >> text=Feedback');
  await page.waitForSelector('[data-testid=feedback-recent]');
  const recent = await page.textContent('[data-testid=feedback-recent]');
  assert.match(recent, new RegExp(reference));
  assert.match(recent, /Too slow <b>really<\/b>/);  // shown as text, not markup
  assert.equal(await page.$('[data-testid=feedback-recent] b'), null);
  assert.deepEqual(await axeViolations(`${server.base}/console/feedback`, null, page), []);
  await context.close();
});

// Days after a YYYY-MM-DD date, as YYYY-MM-DD (calendar days: no weekend or holiday moves them).
function addDays(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('a trainee completes a scenario and gets the right score; an auditor sees the record', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server.trainee);
  await page.click('nav >> text=Training');
  await page.click('[data-scenario=deadline-about-to-pass] button');
  await page.waitForSelector('[data-testid=training-form]');
  // The synthetic request was received 43 days before today; California gives 45 calendar days,
  // 90 with the one extension (Civ. Code §1798.130(a)(2)(A)).
  const received = (await page.textContent('[data-testid=training-received]')).trim().slice(0, 10);
  assert.match(received, /^\d{4}-\d{2}-\d{2}$/);
  await page.fill('#answer-respond-by', addDays(received, 45));
  await page.check('#answer-action-extend');
  await page.fill('#answer-extended-by', addDays(received, 90));
  await page.click('text=Submit my decisions');
  await page.waitForSelector('[data-testid=training-score]');
  assert.equal((await page.textContent('[data-testid=training-score]')).trim(), '3 / 3');
  assert.match(await page.textContent('[data-testid=training-results]'), /Regs\. §7021\(b\)/);
  // Answered once: the form is gone, and the attempt is listed with its score.
  assert.equal(await page.$('[data-testid=training-form]'), null);
  await page.click('nav >> text=Training');
  assert.match(await page.textContent('[data-testid=training-mine]'), /A deadline about to pass[\s\S]*3 \/ 3/);
  await context.close();

  const auditorContext = await browser.newContext();
  const auditorPage = await auditorContext.newPage();
  await signIn(auditorPage, server.auditor);
  await auditorPage.goto(`${server.base}/console/training/records`);
  const records = await auditorPage.textContent('[data-testid=training-records]');
  assert.match(records, /tina[\s\S]*A deadline about to pass[\s\S]*3 \/ 3/);
  // The auditor also reads the §7101 records of the requests the other tests made this year.
  await auditorPage.goto(`${server.base}/console/reports/records`);
  const caption = await auditorPage.textContent('[data-testid=records] caption');
  assert.ok(Number(caption.match(/^(\d+) requests/)[1]) >= 1, caption);
  assert.match(await auditorPage.textContent('[data-testid=records] tbody'), /RD-\d{4}-\d{5}/);
  const csv = await auditorPage.request.get(server.base +
    await auditorPage.getAttribute('a:has-text("Download as CSV")', 'href'));
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /^reference,type,channel,jurisdiction,/);
  await auditorContext.close();
});

test('dashboards render with data: seven charts, the tables behind them and a CSV', async () => {
  const consumer = await browser.newPage();
  for (const type of ['access', 'delete']) {
    await consumer.goto(`${server.base}/privacy/request?type=${type}`);
    await consumer.fill('#email', `dashboards.${type}@example.com`);
    await consumer.click('button[type=submit]');
    await consumer.waitForSelector('[data-testid=reference]');
  }
  await consumer.close();

  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, server.staff[5]);
  await page.click('nav >> text=Dashboards');
  await page.waitForSelector('[data-testid=dash-volume] svg.chart');
  assert.equal(await page.locator('svg.chart[role=img]').count(), 7);
  assert.equal(await page.textContent('#volume-svg-title'), 'Requests received per week, by type');

  // Twelve weeks; this week's row holds at least the two requests just made, and its column is
  // drawn with one segment per type it has.
  const rows = page.locator('[data-testid=table-volume] tbody tr');
  assert.equal(await rows.count(), 12);
  const week = (await rows.nth(11).locator('th').textContent()).trim();
  const cells = (await rows.nth(11).locator('td').allTextContents()).map((c) => c.trim());
  const [access, , del] = cells.slice(1, 4).map(Number);
  assert.ok(access >= 1 && del >= 1, `access ${access}, delete ${del}`);
  assert.ok(Number(cells.at(-1)) >= 2);
  const column = page.locator(`[data-testid=dash-volume] g[data-week="${week}"]`);
  assert.equal(await column.getAttribute('data-total'), cells.at(-1));
  assert.ok(await column.locator('rect.s-access').count() === 1);
  assert.ok(await column.locator('rect.s-delete').count() === 1);
  const aging = await page.locator('[data-testid=table-aging] tbody tr').first()
    .locator('td').first().textContent();
  assert.ok(Number(aging) >= 2, `open 0-7 days: ${aging}`);

  // The CSV link downloads the same table.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid=csv-volume]'),
  ]);
  assert.match(download.suggestedFilename(), /^dashboard-volume-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync(await download.path(), 'utf8').split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'week,week_start,access,categories,delete,correct,opt_out,limit,total');
  assert.equal(lines.length, 13);
  assert.equal(lines[12], [week, ...cells].join(','));

  // A bad period is a clear error, not a chart.
  const bad = await page.goto(`${server.base}/console/dashboards?weeks=0`);
  assert.equal(bad.status(), 422);
  assert.match(await page.textContent('[data-testid=dashboards-error]'), /weeks must be/);
  assert.equal(await page.locator('svg.chart').count(), 0);
  assert.deepEqual(await axeViolations(`${server.base}/console/dashboards`, null, page), []);
  await context.close();
});

test('axe-core finds no serious or critical violation on any page', async () => {
  const consumer = await browser.newPage();
  await consumer.goto(`${server.base}/privacy/request?type=access&lang=es`);
  await consumer.fill('#email', 'axe@example.com');
  await consumer.click('button[type=submit]');
  const statusHref = await consumer.getAttribute('[data-testid=status-link]', 'href');
  await consumer.close();
  const pages = [
    '/privacy', '/privacy?lang=es', '/privacy/request?type=delete', statusHref, '/console/login',
  ];
  const problems = [];
  for (const path of pages) {
    for (const v of await axeViolations(`${server.base}${path}`)) problems.push(`${path}: ${v}`);
  }
  // The form with an error shown, and the console's pages after signing in.
  const invalid = await axeViolations(`${server.base}/privacy/request`, async (page) => {
    await page.fill('#email', 'not-an-address');
    await page.click('button[type=submit]');
  });
  problems.push(...invalid.map((v) => `form with error: ${v}`));
  const staffContext = await browser.newContext({ bypassCSP: true });
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, server.staff[2]);
  for (const path of ['/console', '/console/requests', '/console/tasks', '/console/datamap',
    '/console/training', '/console/dashboards', 'request']) {
    const found = await axeViolations(`${server.base}${path === 'request' ? '/console' : path}`,
      path === 'request' ? (page) => page.click('table a') : null, staffPage);
    problems.push(...found.map((v) => `${path}: ${v}`));
  }
  const attempt = await axeViolations(`${server.base}/console/training`,
    (page) => page.click('[data-scenario=two-point-identity] button'), staffPage);
  problems.push(...attempt.map((v) => `training attempt: ${v}`));
  await staffContext.close();
  assert.deepEqual(problems, []);
});
