// Shared by the browser checks: launching Debian's Chromium through playwright-core, and
// the report (one line per check; the run fails if any check failed).
import fs from 'node:fs';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Headless Chromium with the flags for a closed network (no update or background traffic). */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it (\`apt-get install -y chromium\`) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
}

/** Collects check results and prints one line per check as it is made. */
export class Report {
  constructor() {
    this.results = [];
  }

  /** Record a check: `ok` true/false, `what` the check, `detail` the measurement or the reason. */
  check(ok, what, detail = '') {
    this.results.push({ ok, what, detail });
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
    return ok;
  }

  get failed() {
    return this.results.filter((r) => !r.ok);
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Poll `fn` (async, returns a truthy value when done) every `ms` until `timeoutMs`; returns the value or null. */
export async function poll(fn, { timeoutMs, ms = 500 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, ms));
  }
}

/** A file name for a screenshot of `name` (path separators and odd characters replaced). */
export function screenshotName(prefix, name) {
  return `${prefix}-${name.replace(/\.(html|ipynb)$/, '').replace(/[^A-Za-z0-9_.-]+/g, '_')}.png`;
}
