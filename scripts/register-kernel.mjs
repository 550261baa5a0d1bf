// `npm run kernel`: register the course's TypeScript kernel in .jupyter-local/ (no global writes).
import { registerKernel, findPython, checkKernelVisible, jupyterData, INSTALL_JUPYTER_HINT } from './jupyter.mjs';

try {
  const file = registerKernel();
  const py = findPython(['jupyter_client']);
  if (!py) {
    console.log(`kernel spec written to ${file}; Jupyter not found, so not checked. ${INSTALL_JUPYTER_HINT}`);
  } else {
    const dir = checkKernelVisible(py);
    console.log(`kernel "tslab" registered: ${dir} (use JUPYTER_PATH=${jupyterData}, as npm start does)`);
  }
} catch (e) {
  console.error(`kernel registration failed: ${e.message}`);
  process.exit(1);
}
