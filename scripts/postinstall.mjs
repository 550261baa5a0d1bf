// `npm install` / `npm ci` (postinstall of the course package): one line saying which TensorFlow.js
// backend the notebooks will use, and, when the native one is missing, the command that adds it.
// npm skips the optional native package (`tfjs-node-native`, @tensorflow/tfjs-node) without a word
// when its libtensorflow download fails; this line is the word. It never fails the install.
//
// The check mirrors the library's choice (lib/src/backend/select.ts, `initBackend`): native
// `tensorflow` when `tfjs-node-native` loads, else `wasm`, else `cpu`; COURSE_BACKEND forces one.
// It runs before the library is built (npm runs postinstall before prepare), so it cannot ask the
// library itself.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

/** First line of a child's error output that names an error, else its first line. */
function firstError(text) {
  const lines = String(text || '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /Error/.test(l)) ?? lines[0] ?? 'no message';
}

/** 'ok', 'missing' or the reason the native backend fails to load (in a child: it loads libtensorflow). */
function nativeState() {
  try {
    require.resolve('tfjs-node-native');
  } catch {
    return 'missing';
  }
  const r = spawnSync(process.execPath, ['-e', "require('tfjs-node-native')"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120000,
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
  });
  if (r.status === 0) return 'ok';
  return r.error ? r.error.message : firstError(r.stderr);
}

function has(name) {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** The one line. */
export function backendLine(native = nativeState(), wasm = has('@tensorflow/tfjs-backend-wasm'), forced = process.env.COURSE_BACKEND) {
  const fallback = wasm ? 'wasm (WebAssembly SIMD)' : 'cpu (plain JavaScript, slow)';
  const add = 'for the faster native one, run `npm run native` on a machine with internet';
  if (forced && forced.trim()) {
    return `[seqmodels] TensorFlow backend: ${forced.trim()}, forced by COURSE_BACKEND (native backend ${native === 'ok' ? 'installed' : 'not available'}).`;
  }
  if (native === 'ok') return '[seqmodels] TensorFlow backend: tensorflow (native libtensorflow from @tensorflow/tfjs-node, the fastest).';
  if (native === 'missing') return `[seqmodels] TensorFlow backend: ${fallback}: the optional native backend (tfjs-node-native) is not installed; ${add}.`;
  return `[seqmodels] TensorFlow backend: ${fallback}: the native backend is installed but does not load (${native}); \`npm run native\` retries its install.`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(backendLine());
  } catch (e) {
    console.log(`[seqmodels] TensorFlow backend: could not be checked (${e && e.message}); notebooks/00_setup.ipynb shows it.`);
  }
  process.exit(0);
}
