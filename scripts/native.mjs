// `npm run native`: get the native TensorFlow backend (@tensorflow/tfjs-node, installed under
// the alias `tfjs-node-native`) where its first install could not download libtensorflow.
// Needs internet access to the libtensorflow download; changes no committed file.
import { spawnSync } from 'node:child_process';
import { root } from './jupyter.mjs';

const check = () =>
  spawnSync(process.execPath, ['-e', "require('tfjs-node-native'); console.log(require('@tensorflow/tfjs').getBackend())"], {
    cwd: root,
    encoding: 'utf8',
  });

let r = check();
if (r.status !== 0) {
  console.log('native: not loadable yet; running `npm install` to retry its libtensorflow download');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  spawnSync(npm, ['install', '--no-audit', '--no-fund', '--foreground-scripts'], { cwd: root, stdio: 'inherit' });
  r = check();
}
if (r.status === 0) {
  console.log('native: the tensorflow backend loads; notebooks will use it (check with notebooks/00_setup.ipynb)');
} else {
  const why = (r.stderr || '').split('\n').find((l) => /Error/.test(l)) || 'unknown error';
  console.error(`native: still not available (${why.trim()}). The course runs on wasm meanwhile; see README, "Native backend".`);
  process.exit(1);
}
