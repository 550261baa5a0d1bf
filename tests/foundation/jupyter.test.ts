// The commands a learner runs: the notebook runner and `npm start`, against the real Jupyter.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const { fixtureNotebook: notebook } = require('./jupyter-env');


describe('notebook runner', () => {
  test('runs each notebook in a fresh kernel, reports failures and exits non-zero', () => {
    // Inside the repository, so that the kernel resolves "seqmodels" from node_modules.
    fs.mkdirSync(path.join(root, 'build'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(root, 'build', 'runner-test-'));
    fs.writeFileSync(
      path.join(dir, 'a_good.ipynb'),
      notebook(['import { isFast } from "seqmodels";\nconst n: number = 6 * 7;', 'console.log(`answer ${n}`, typeof isFast);']),
    );
    fs.writeFileSync(path.join(dir, 'b_bad.ipynb'), notebook(['const x = 1;', 'throw new Error("deliberate failure in cell 2");']));
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-notebooks.mjs'), `--dir=${dir}`, `--out=${dir}/out`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120000,
    });
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/ok\s+a_good\.ipynb\s+[\d.]+ s/);
    expect(out).toMatch(/FAIL b_bad\.ipynb\s+[\d.]+ s.*cell 2: Error: deliberate failure in cell 2/);
    expect(out).toMatch(/^notebooks: 1 passed, 1 failed; total [\d.]+ s \([\d.]+ min\) in (fast|full) mode, load average /m);
    expect(r.status).toBe(1);
    // The executed copy of the good notebook holds the kernel's output.
    const executed = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'a_good.ipynb'), 'utf8'));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(JSON.stringify(executed.cells[1].outputs)).toContain('answer 42');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function getJson(url: string): Promise<any> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`HTTP ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

describe('npm start', () => {
  test('serves Jupyter on 127.0.0.1 with the TypeScript kernel listed', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--no-browser', `--port=${port}`], {
      cwd: root,
      env: { ...process.env, JUPYTER_TOKEN: 'course-test' },
      detached: true,
      stdio: 'ignore',
    });
    try {
      let specs: any = null;
      for (let i = 0; i < 60 && !specs; i++) {
        await new Promise((r) => setTimeout(r, 500));
        specs = await getJson(`http://127.0.0.1:${port}/api/kernelspecs?token=course-test`).catch(() => null);
      }
      expect(specs).not.toBeNull();
      expect(specs.kernelspecs.tslab.spec.display_name).toBe('TypeScript (course)');
      expect(specs.kernelspecs.tslab.spec.language).toBe('typescript');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  });

  test('serves the repository root (notebooks, chapters, figures, exercises) and opens the first notebook', async () => {
    const port = await freePort();
    // Jupyter opens "the browser" through Python's webbrowser module, which runs $BROWSER: here a
    // script that writes down what it was asked to open (Notebook 6 passes a redirect page).
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'start-browser-'));
    const opened = path.join(dir, 'opened.txt');
    const fakeBrowser = path.join(dir, 'browser.sh');
    fs.writeFileSync(fakeBrowser, `#!/bin/sh\ncase "$1" in file://*) cat "\${1#file://}" ;; *) echo "$1" ;; esac > "${opened}"\n`, { mode: 0o755 });
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), `--port=${port}`], {
      cwd: root,
      env: { ...process.env, JUPYTER_TOKEN: 'course-test', BROWSER: fakeBrowser },
      detached: true,
      stdio: 'ignore',
    });
    const api = (p: string) => getJson(`http://127.0.0.1:${port}/api/contents/${p}?content=0&token=course-test`);
    try {
      let up: any = null;
      for (let i = 0; i < 60 && !up; i++) {
        await new Promise((r) => setTimeout(r, 500));
        up = await api('').catch(() => null);
      }
      expect(up).not.toBeNull();
      const top = (await getJson(`http://127.0.0.1:${port}/api/contents/?token=course-test`)).content.map((e: any) => e.name);
      expect(top).toEqual(expect.arrayContaining(['notebooks', 'theory', 'exercises', 'README.md']));
      for (const p of ['notebooks/00_setup.ipynb', 'theory/01_rnn_fundamentals.md', 'theory/figures/lstm_cell.svg', 'exercises/README.md', 'exercises/01_rnn/rnn_step.ts']) {
        expect((await api(p)).path).toBe(p);
      }
      // A chapter opened from a notebook's link in Notebook 6 is the raw file: UTF-8 text.
      const raw = await new Promise<{ type: string; body: string }>((resolve, reject) => {
        const url = `http://127.0.0.1:${port}/files/theory/02_lstm_architecture.md?token=course-test`;
        http.get(url, { headers: { Referer: `http://127.0.0.1:${port}/tree` } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ type: String(res.headers['content-type']), body }));
        }).on('error', reject);
      });
      expect(raw.body.startsWith('# 02 · Long short-term memory')).toBe(true);
      expect(raw.type).toMatch(/charset=utf-8/i);
      let page = '';
      for (let i = 0; i < 40 && !page; i++) {
        await new Promise((r) => setTimeout(r, 250));
        page = fs.existsSync(opened) ? fs.readFileSync(opened, 'utf8') : '';
      }
      // Notebook 6 opens /notebooks/<path>; JupyterLab opens /lab/tree/<path>.
      expect(page).toMatch(/\/(notebooks|lab\/tree)\/notebooks\/00_setup\.ipynb/);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('JupyterLab opens markdown files (the chapters) in its Markdown Preview by default', () => {
    // start.mjs writes this into the project's JupyterLab settings (JUPYTERLAB_SETTINGS_DIR).
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "import('./scripts/jupyter.mjs').then((m) => console.log(m.writeLabSettings(), m.jupyterEnv().JUPYTERLAB_SETTINGS_DIR))"], {
      cwd: root,
      encoding: 'utf8',
    });
    const [file, settingsDir] = r.stdout.trim().split(' ');
    expect(file).toBe(path.join(settingsDir, '@jupyterlab', 'docmanager-extension', 'plugin.jupyterlab-settings'));
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).defaultViewers.markdown).toBe('Markdown Preview');
  });

  test('without Jupyter it stops with how to install it and a non-zero exit', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      env: { ...process.env, COURSE_PYTHON: '/bin/false' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Jupyter is not installed.*pip install jupyterlab.*apt-get install jupyter-notebook/);
  });
});

describe('00_setup', () => {
  test('runs headless and shows the backend, a tensor, a plotly chart and a DataFrame', () => {
    fs.mkdirSync(path.join(root, 'build'), { recursive: true });
    const out = fs.mkdtempSync(path.join(root, 'build', 'setup-test-'));
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-notebooks.mjs'), '00_setup', `--out=${out}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 180000,
    });
    expect(r.stdout).toMatch(/ok\s+00_setup\.ipynb/);
    const nb = JSON.parse(fs.readFileSync(path.join(out, '00_setup.ipynb'), 'utf8'));
    fs.rmSync(out, { recursive: true, force: true });
    const outputs = nb.cells.flatMap((c: any) => c.outputs ?? []);
    // Streams (console.log) and the text form of rich outputs (showTable sends HTML and text).
    const text = outputs.map((o: any) => [].concat(o.text ?? o.data?.['text/plain'] ?? []).join('')).join('\n');
    const html = outputs.map((o: any) => [].concat(o.data?.['text/html'] ?? []).join('')).join('\n');
    expect(text).toMatch(/backend in use: (tensorflow|wasm|cpu)/);
    expect(text).toMatch(/each row sums to one: 1\.000000, 1\.000000/);
    expect(html).toMatch(/Plotly\.(newPlot|react)/);
    expect(text).toMatch(/LSTM\s+│\s+4\s+│\s+99328/);
    expect(html).toMatch(/<table[^>]*>[\s\S]*LSTM[\s\S]*99328[\s\S]*<\/table>/);
  });
});
