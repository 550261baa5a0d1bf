// An honest `npm install` (issue 18): one line names the TensorFlow backend the course will use
// (scripts/postinstall.mjs) and never fails the install; every dependency's install script is
// reviewed in package.json's `allowScripts` (npm 11 warns about the others, npm 12 skips them).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** backendLine(native, wasm, forced) from the ES module, in a child Node. */
function line(native: string, wasm: boolean, forced = ''): string {
  const code = `import('./scripts/postinstall.mjs').then((m) => console.log(m.backendLine(${JSON.stringify(native)}, ${wasm}, ${JSON.stringify(forced)})))`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

describe('postinstall: which backend, and how to add the native one', () => {
  test('package.json runs it after every install', () => {
    expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.mjs');
  });

  test('run here: exits 0 with one line that names the backend', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'postinstall.mjs')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, COURSE_BACKEND: '' },
    });
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\[seqmodels\] TensorFlow backend: (tensorflow|wasm|cpu)\b/);
    let native = true;
    try {
      require.resolve('tfjs-node-native');
    } catch {
      native = false;
    }
    // Without the native package, the line says how to add it.
    if (!native) expect(out[0]).toContain('`npm run native`');
  });

  test.each([
    ['ok', true, '', /backend: tensorflow \(native libtensorflow/],
    ['missing', true, '', /backend: wasm \(WebAssembly SIMD\): the optional native backend \(tfjs-node-native\) is not installed; .*run `npm run native` on a machine with internet\.$/],
    ['missing', false, '', /backend: cpu \(plain JavaScript, slow\): .*`npm run native`/],
    ['libtensorflow.so.2: cannot open shared object file', true, '', /backend: wasm .*installed but does not load \(libtensorflow\.so\.2: cannot open shared object file\); `npm run native` retries/],
    ['missing', true, 'cpu', /backend: cpu, forced by COURSE_BACKEND \(native backend not available\)/],
  ])('native %s, wasm %s, COURSE_BACKEND "%s"', (native, wasm, forced, expected) => {
    expect(line(native, wasm, forced)).toMatch(expected);
  });
});

describe('allowScripts: every install script among the dependencies is reviewed', () => {
  /** Installed packages (name@version) whose package.json has a preinstall, install or postinstall script. */
  function withInstallScripts(dir = path.join(root, 'node_modules'), found = new Map<string, string>()): Map<string, string> {
    if (!fs.existsSync(dir)) return found;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.') || !e.isDirectory()) continue;
      const p = path.join(dir, e.name);
      if (e.name.startsWith('@')) {
        withInstallScripts(p, found);
        continue;
      }
      const pj = path.join(p, 'package.json');
      if (fs.existsSync(pj)) {
        const j = JSON.parse(fs.readFileSync(pj, 'utf8'));
        const s = j.scripts ?? {};
        const cmd = s.preinstall ?? s.install ?? s.postinstall;
        if (cmd && j.name) found.set(j.name, cmd);
      }
      withInstallScripts(path.join(p, 'node_modules'), found);
    }
    return found;
  }

  test('each is in package.json allowScripts, true or false, and the native backend is allowed', () => {
    const allow: Record<string, boolean> = pkg.allowScripts ?? {};
    const unreviewed = [...withInstallScripts()].filter(([name]) => !(name in allow)).map(([n, cmd]) => `${n} (${cmd})`);
    expect(unreviewed).toEqual([]);
    // @tensorflow/tfjs-node (installed as tfjs-node-native) downloads libtensorflow in its install
    // script: without it the native backend never works.
    expect(allow['@tensorflow/tfjs-node']).toBe(true);
  });

  test('the browser test\'s JupyterLab app (a package of its own) reviews those of its lockfile', () => {
    const dir = path.join(root, 'tests', 'browser', 'jupyterlab-app');
    const app = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
    const withScripts = Object.entries(lock.packages as Record<string, { hasInstallScript?: boolean }>)
      .filter(([where, p]) => where !== '' && p.hasInstallScript)
      .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts).toContain('esbuild');
    const allow: Record<string, boolean> = app.allowScripts ?? {};
    expect(withScripts.filter((name) => !(name in allow))).toEqual([]);
    expect(allow.esbuild).toBe(true); // it bundles the app: its install script checks its binary
  });
});
