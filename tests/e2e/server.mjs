// Starts a real `rightsdesk serve` on a fresh installation for the browser tests: init, staff
// users (secrets from `user add --json`), intake limits raised for the test's many
// submissions, the demo's data map over the Chinook sample, a real SMTP server
// (tests/support/smtp_server.py) whose Maildir the tests read, and a free port. RIGHTSDESK names
// the binary.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import {
  copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const binary = process.env.RIGHTSDESK;
if (!binary) throw new Error('set RIGHTSDESK to the rightsdesk binary');

function cli(dataDir, ...args) {
  return execFileSync(binary, ['--data', dataDir, ...args], { encoding: 'utf8' });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startSmtp(maildir) {
  const port = await freePort();
  const smtp = spawn('/usr/bin/python3', [join(repo, 'tests/support/smtp_server.py'), '--port',
    String(port), '--maildir', maildir], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    smtp.stdout.on('data', (chunk) => { if (String(chunk).includes('ready')) resolve(); });
    smtp.on('exit', (code) => reject(new Error(`smtp server exited with ${code}`)));
    setTimeout(() => reject(new Error('smtp server did not start')), 15000);
  });
  return { smtp, port };
}

// The text of every message delivered to `address` so far, oldest first (bodies are base64).
function mailTo(maildir, address) {
  const texts = [];
  for (const folder of ['new', 'cur']) {
    const dir = join(maildir, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const raw = readFileSync(join(dir, name), 'utf8').replace(/\r\n/g, '\n');
      const split = raw.indexOf('\n\n');
      const headers = raw.slice(0, split);
      if (!new RegExp(`^To:.*${address.replace(/[.]/g, '\\.')}`, 'mi').test(headers)) continue;
      texts.push(Buffer.from(raw.slice(split + 2).replace(/\s+/g, ''), 'base64').toString('utf8'));
    }
  }
  return texts;
}

export async function startServer() {
  const root = mkdtempSync(join(tmpdir(), 'rightsdesk-e2e-'));
  const dataDir = join(root, 'data');
  const maildir = join(root, 'mail');
  cli(dataDir, 'init');
  copyFileSync(join(repo, 'demo/datamap.toml'), join(dataDir, 'datamap.toml'));
  copyFileSync(join(repo, 'demo/chinook/Chinook_Sqlite.sqlite'), join(dataDir, 'chinook.sqlite'));
  const { smtp, port: smtpPort } = await startSmtp(maildir);
  const config = join(dataDir, 'rightsdesk.toml');
  writeFileSync(config, readFileSync(config, 'utf8')
    .replace(/^intake_burst = \d+/m, 'intake_burst = 1000')
    .replace(/^intake_per_email_per_hour = \d+/m, 'intake_per_email_per_hour = 1000')
    .replace(/^smtp_url = ""/m, `smtp_url = "smtp://127.0.0.1:${smtpPort}"`)
    .replace(/^require_tls = true/m, 'require_tls = false')
    .replace(/^poll_seconds = \d+/m, 'poll_seconds = 1'));
  // One account per test that signs in: a TOTP code works once per account and 30 s step.
  const staff = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map((name) =>
    JSON.parse(cli(dataDir, 'user', 'add', '--name', name, '--role', 'staff', '--json')));
  // Identity documents are for reviewers only (docs/verification.md).
  const reviewer =
    JSON.parse(cli(dataDir, 'user', 'add', '--name', 'rita', '--role', 'reviewer', '--json'));
  // Training mode: a trainee works a scenario; an auditor reads the training records.
  const trainee =
    JSON.parse(cli(dataDir, 'user', 'add', '--name', 'tina', '--role', 'staff', '--json'));
  const auditor =
    JSON.parse(cli(dataDir, 'user', 'add', '--name', 'audrey', '--role', 'auditor', '--json'));
  const server = spawn(binary, ['--data', dataDir, 'serve', '--listen', '127.0.0.1:0'],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (match) resolve(Number(match[1]));
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error('server did not start')), 15000);
  });
  server.stderr.resume();
  return {
    // "localhost" is a secure context, so Chromium keeps the Secure cookies over plain HTTP.
    base: `http://localhost:${port}`,
    staff,
    reviewer,
    trainee,
    auditor,
    // Waits up to 20 s for a message to `address` whose text matches `pattern`; the match.
    async mail(address, pattern) {
      for (let tries = 0; tries < 80; tries += 1) {
        for (const text of mailTo(maildir, address).reverse()) {
          const match = text.match(pattern);
          if (match) return match;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`no message to ${address} matching ${pattern}`);
    },
    async stop() {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.on('exit', resolve));
      smtp.kill('SIGTERM');
      const verify = execFileSync(binary, ['--data', dataDir, 'audit', 'verify'], { encoding: 'utf8' });
      rmSync(root, { recursive: true, force: true });
      return verify;
    },
  };
}

// RFC 6238 with HMAC-SHA1, 6 digits, 30 s: what an authenticator app shows now.
export function totp(base32Secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32Secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(code).padStart(6, '0');
}
