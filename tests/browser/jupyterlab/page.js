// The test page: JupyterLab's own output rendering (@jupyterlab/rendermime's registry with
// its standard factories, @jupyterlab/outputarea's OutputArea and OutputAreaModel), bundled
// by esbuild (build.mjs). No JupyterLab application and no kernel: the outputs come from a
// notebook the course's runner executed, and are added to each cell's output model one by
// one, in order, as a live session adds them when they arrive from the kernel.
import { OutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import { RenderMimeRegistry, standardRendererFactories } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';
import '@lumino/widgets/style/index.css';
import '@jupyterlab/rendermime/style/base.css';
import '@jupyterlab/outputarea/style/base.css';

// As JupyterLab's rendermime plugin builds it (default sanitizer; no link handler, LaTeX
// typesetter or Markdown parser, which the course's outputs do not need).
const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });

const models = [];

/** The first line of a cell's source, as a caption. */
function firstLine(source) {
  const s = Array.isArray(source) ? source.join('') : String(source ?? '');
  return s.split('\n').find((l) => l.trim()) ?? '';
}

/**
 * The outputs as JupyterLab receives them: the .ipynb file stores multiline strings as
 * lists of lines, and the Jupyter server's contents API joins them before sending the
 * notebook (nbformat's `rejoin_lines`: stream text and every non-JSON MIME value); a
 * kernel sends strings in the first place.
 */
function rejoinLines(output) {
  const o = { ...output };
  if (Array.isArray(o.text)) o.text = o.text.join('');
  if (o.data) {
    o.data = { ...o.data };
    for (const [mime, value] of Object.entries(o.data)) {
      if (Array.isArray(value) && mime !== 'application/json' && !mime.endsWith('+json')) o.data[mime] = value.join('');
    }
  }
  return o;
}

/**
 * Render the code cells' outputs of `nb` (notebook JSON) into #notebook, cell by cell:
 * each cell gets an attached OutputArea whose model receives the outputs in order; between
 * cells the page gets a turn (scripts of trusted HTML run, charts start drawing).
 * `trusted`: the outputs' trust, as JupyterLab sets it (true for a session's own outputs).
 */
window.renderNotebook = async function renderNotebook(nb, { trusted }) {
  const host = document.getElementById('notebook');
  host.textContent = '';
  const t0 = performance.now();
  let outputs = 0;
  let cells = 0;
  for (const [i, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code' || !(cell.outputs ?? []).length) continue;
    const section = document.createElement('section');
    section.className = 'lab-test-cell';
    const caption = document.createElement('div');
    caption.className = 'lab-test-caption';
    caption.textContent = `[${i}] ${firstLine(cell.source)}`;
    section.appendChild(caption);
    host.appendChild(section);
    const model = new OutputAreaModel({ trusted });
    const area = new OutputArea({ model, rendermime });
    Widget.attach(area, section);
    models.push(model);
    for (const output of cell.outputs) {
      model.add(rejoinLines(output));
      outputs += 1;
    }
    cells += 1;
    await new Promise((r) => setTimeout(r, 0));
  }
  return { cells, outputs, ms: Math.round(performance.now() - t0) };
};

/** JupyterLab's "Trust Notebook": every output model becomes trusted (its outputs re-render). */
window.trustNotebook = function trustNotebook() {
  for (const m of models) m.trusted = true;
  return models.length;
};
