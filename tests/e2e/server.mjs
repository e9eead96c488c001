// Starts a real `rightsdesk serve` on a fresh installation for the browser tests: init, staff
// users (secrets from `user add --json`), intake limits raised for the test's many
// submissions, and a free port. RIGHTSDESK names the binary.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const binary = process.env.RIGHTSDESK;
if (!binary) throw new Error('set RIGHTSDESK to the rightsdesk binary');

function cli(dataDir, ...args) {
  return execFileSync(binary, ['--data', dataDir, ...args], { encoding: 'utf8' });
}

export async function startServer() {
  const root = mkdtempSync(join(tmpdir(), 'rightsdesk-e2e-'));
  const dataDir = join(root, 'data');
  cli(dataDir, 'init');
  const config = join(dataDir, 'rightsdesk.toml');
  writeFileSync(config, readFileSync(config, 'utf8')
    .replace(/^intake_burst = \d+/m, 'intake_burst = 1000')
    .replace(/^intake_per_email_per_hour = \d+/m, 'intake_per_email_per_hour = 1000'));
  // One account per test that signs in: a TOTP code works once per account and 30 s step.
  const staff = ['alice', 'bob', 'carol'].map((name) =>
    JSON.parse(cli(dataDir, 'user', 'add', '--name', name, '--role', 'staff', '--json')));
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
    async stop() {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.on('exit', resolve));
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
