// An executed notebook (nbformat 4 JSON) as HTML for the course site. Pure: the markdown
// renderer is passed in. Outputs are placed as Jupyter shows them: HTML outputs (charts,
// with their scripts and the plotly bundle of `plot.setup()`) verbatim, so their scripts run
// when the page loads; text as preformatted text; images as data URIs.
'use strict';
const { escapeHtml } = require('./markdown.cjs');
const { highlightTs } = require('./highlight.cjs');

/** Cell source or output text: nbformat stores either a string or a list of lines. */
function joinText(t) {
  return Array.isArray(t) ? t.join('') : (t ?? '');
}

/** Text without ANSI escape sequences (colours in tracebacks and terminal output). */
function stripAnsi(s) {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\u001b\][^\u0007]*\u0007/g, '');
}

/** Text with `\r` progress rewrites applied per line, as a terminal would show it. */
function applyCarriageReturns(s) {
  return s.split('\n').map((line) => {
    const parts = line.split('\r');
    return parts.filter((p) => p !== '').pop() ?? '';
  }).join('\n');
}

/** MIME types in the order they are preferred for display. */
const MIME_ORDER = ['text/html', 'image/svg+xml', 'image/png', 'image/jpeg', 'text/markdown', 'text/latex', 'application/json', 'text/plain'];

/** The HTML of one output; `md` renders markdown (for text/markdown outputs). */
function outputHtml(out, md) {
  switch (out.output_type) {
    case 'stream': {
      const text = applyCarriageReturns(stripAnsi(joinText(out.text)));
      return `<pre class="output-stream output-${out.name === 'stderr' ? 'stderr' : 'stdout'}">${escapeHtml(text)}</pre>`;
    }
    case 'error': {
      const tb = stripAnsi((out.traceback || []).join('\n')) || `${out.ename}: ${out.evalue}`;
      return `<pre class="output-error">${escapeHtml(tb)}</pre>`;
    }
    case 'display_data':
    case 'execute_result': {
      const data = out.data || {};
      const mime = MIME_ORDER.find((m) => m in data);
      if (!mime) return '';
      const v = data[mime];
      switch (mime) {
        case 'text/html':
          return `<div class="output-html">${joinText(v)}</div>`;
        case 'image/svg+xml':
          return `<div class="output-image">${joinText(v)}</div>`;
        case 'image/png':
        case 'image/jpeg':
          return `<div class="output-image"><img alt="output image" src="data:${mime};base64,${joinText(v).replace(/\s/g, '')}"></div>`;
        case 'text/markdown':
          return `<div class="output-markdown">${md(joinText(v))}</div>`;
        case 'text/latex':
          return `<div class="output-markdown">${md(joinText(v))}</div>`;
        case 'application/json':
          return `<pre class="output-text">${escapeHtml(JSON.stringify(v, null, 2))}</pre>`;
        default:
          return `<pre class="output-text">${escapeHtml(stripAnsi(joinText(v)))}</pre>`;
      }
    }
    default:
      return '';
  }
}

const BUNDLE_SCRIPT = /<script([^>]*)\sdata-seqmodels-plotly="bundle"([^>]*)>([\s\S]*?)<\/script>/g;

/**
 * HTML with each inlined plotly bundle (the `<script data-seqmodels-plotly="bundle">` that
 * `plot.setup()` emits, about 2 MB compressed) replaced by a `<script src>` of the same code in a shared file:
 * `save(code)` stores the code and returns the relative URL of the file. A classic
 * `<script src>` runs in document order, before the charts' scripts, as the inline one did.
 */
function externalizeBundles(html, save) {
  return html.replace(BUNDLE_SCRIPT, (_m, a, b, code) => `<script${a} data-seqmodels-plotly="bundle"${b} src="${escapeHtml(save(code))}"></script>`);
}

/** The first markdown heading of the notebook (its title), or `fallback`. */
function notebookTitle(nb, fallback) {
  for (const cell of nb.cells || []) {
    if (cell.cell_type !== 'markdown') continue;
    const m = /^#\s+(.+)$/m.exec(joinText(cell.source));
    if (m) return m[1].trim();
  }
  return fallback;
}

/**
 * Did this code cell run? tslab leaves `execution_count` empty, so the timing nbclient
 * records in the cell's metadata counts too.
 */
function cellRan(cell) {
  return cell.execution_count != null || !!cell.metadata?.execution?.['shell.execute_reply'];
}

/** Counts a notebook's code cells, executed cells and error outputs. */
function notebookSummary(nb) {
  let code = 0;
  let executed = 0;
  let errors = 0;
  for (const cell of nb.cells || []) {
    if (cell.cell_type !== 'code') continue;
    code += 1;
    if (cellRan(cell)) executed += 1;
    for (const o of cell.outputs || []) if (o.output_type === 'error') errors += 1;
  }
  return { code, executed, errors };
}

/**
 * The notebook's cells as HTML. `md`: markdown source → HTML (one renderer for the whole
 * notebook, so heading ids stay unique); `transformHtml`: applied to each output's HTML.
 */
function notebookHtml(nb, md, transformHtml = (h) => h) {
  const parts = [];
  let ran = 0;
  for (const cell of nb.cells || []) {
    const src = joinText(cell.source);
    if (cell.cell_type === 'markdown') {
      parts.push(`<div class="cell cell-markdown">${md(src)}</div>`);
    } else if (cell.cell_type === 'code') {
      // The kernel's count if it gave one, else the cell's place in the run.
      if (cellRan(cell)) ran += 1;
      const n = cell.execution_count ?? (cellRan(cell) ? ran : ' ');
      const outs = (cell.outputs || []).map((o) => transformHtml(outputHtml(o, md))).filter(Boolean);
      parts.push('<div class="cell cell-code">'
        + `<div class="cell-input"><div class="prompt">In [${escapeHtml(String(n))}]:</div>`
        + `<pre class="source"><code class="language-typescript">${highlightTs(src)}</code></pre></div>`
        + (outs.length ? `<div class="cell-outputs">${outs.join('\n')}</div>` : '')
        + '</div>');
    } else if (cell.cell_type === 'raw') {
      parts.push(`<pre class="cell cell-raw">${escapeHtml(src)}</pre>`);
    }
  }
  return parts.join('\n');
}

module.exports = { cellRan, externalizeBundles, joinText, stripAnsi, applyCarriageReturns, outputHtml, notebookTitle, notebookSummary, notebookHtml };
