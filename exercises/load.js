/**
 * Load an exercise (or its reference solution) into a notebook.
 *
 * tslab only imports TypeScript files that live under the notebook's own folder, so a notebook in
 * notebooks/ cannot `import` from ../exercises. Use this loader instead:
 *
 *   const { rnnStep } = require("../exercises/load.js")("01_rnn/rnn_step");
 *   rnnStep([[1, 0]], [[0, 0]], [[0.5, 0], [0, 0.5]], [[0, 0], [0, 0]], [0, 0]);
 *
 *   // the reference solution, to compare (try first!)
 *   const ref = require("../exercises/load.js")("01_rnn/rnn_step", "solutions");
 *
 * The file is transpiled with the project's TypeScript (types are not checked: `npx tsc -p .
 * --noEmit` does that) and read again on every call, so an edit shows up when the cell is re-run,
 * without restarting the kernel. Grade with `npm run grade -- rnn_step` in a terminal.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const ts = require('typescript');

module.exports = function loadExercise(name, folder = 'exercises') {
  const file = path.join(__dirname, '..', folder, name.endsWith('.ts') ? name : `${name}.ts`);
  if (!fs.existsSync(file)) throw new Error(`load.js: no file ${path.relative(path.join(__dirname, '..'), file)} (names look like "01_rnn/rnn_step")`);
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true },
  });
  const mod = { exports: {} };
  // eslint-disable-next-line no-new-func
  new Function('exports', 'require', 'module', '__filename', '__dirname', outputText)(
    mod.exports, createRequire(file), mod, file, path.dirname(file),
  );
  return mod.exports;
};
