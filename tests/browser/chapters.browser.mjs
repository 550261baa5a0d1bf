// Browser check: a theory chapter reached from Jupyter Notebook 6, as a learner reaches it
// (issue 18). `npm start` serves the repository root, so a notebook's link to
// `../theory/NN_*.md` and the file tree's theory/ folder both lead to the chapter.
//
// What Notebook 6 does with a markdown file, checked here rather than assumed: it has no markdown
// viewer. A link from a notebook goes to /notebooks/theory/X.md, which Notebook 6 redirects to the
// raw file (/files/theory/X.md, shown as plain text: the formulas as TeX source); the file tree opens
// it in its text editor (/edit/theory/X.md). So the checks are:
//   1. from the notebook's link: the chapter opens (HTTP 200, its text with its characters intact:
//      start.mjs makes Notebook 6 serve markdown as UTF-8 text), and its figure, resolved against
//      the chapter's URL as the markdown says, loads and draws as an SVG;
//   2. from the file tree: the chapter opens in the editor with its text;
//   3. the chapter's formulas render with Jupyter's own MathJax: the chapter's markdown is put into
//      a markdown cell of the notebook (the renderer Notebook 6 has) and rendered; every formula
//      must typeset, none as a MathJax error or an undefined (red) macro.
// JupyterLab renders the chapter itself (Markdown Preview, MathJax 3): see the JupyterLab test.
import fs from 'node:fs';
import path from 'node:path';
import { poll, screenshotName } from './util.browser.mjs';

const short = (s, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** In the page: the notebook's rendered markdown is there. */
function notebookLoaded() {
  return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded
    && document.querySelectorAll('#notebook-container .text_cell_render').length > 0);
}

/**
 * In the page: render `md` in a new markdown cell with Notebook 6's renderer and MathJax, then
 * count the formulas: typeset, errors, red (undefined) macros.
 */
async function renderInMarkdownCell(md) {
  const cell = Jupyter.notebook.insert_cell_at_bottom('markdown');
  cell.set_text(md);
  cell.render();
  const el = cell.element[0].querySelector('.text_cell_render');
  await new Promise((resolve) => MathJax.Hub.Queue([resolve]));
  const jax = MathJax.Hub.getAllJax(el);
  let errors = 0;
  let undefinedMacros = 0;
  const bad = [];
  const walk = (node, tex) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'merror') { errors++; bad.push(tex); }
    if (node.mathcolor === 'red') { undefinedMacros++; bad.push(tex); }
    for (const child of node.data || []) walk(child, tex);
  };
  for (const j of jax) walk(j.root, j.originalText);
  el.scrollIntoView({ block: 'start' }); // for the screenshot
  const result = {
    formulas: jax.length,
    displayed: el.querySelectorAll('.MathJax_Display').length,
    errors,
    undefinedMacros,
    bad: bad.slice(0, 3),
    rawDollars: (el.textContent.match(/\$\$/g) || []).length,
  };
  return result;
}

/** Count the chapter's formulas as the tests do: $$ … $$ blocks and $ … $ spans outside code. */
function countFormulas(md) {
  const prose = md.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const display = (prose.match(/\$\$[\s\S]*?\$\$/g) || []).length;
  const inline = (prose.replace(/\$\$[\s\S]*?\$\$/g, '').match(/(^|[^\\$])\$[^$\s][^$\n]*?\$/g) || []).length;
  return { display, inline };
}

/**
 * Open `chapter` (e.g. theory/02_lstm_architecture.md) from `notebook` (e.g.
 * notebooks/02_lstm_from_scratch.ipynb, a copy served under the server's root) and from the
 * file tree, and record the checks in `report`.
 */
export async function checkChapterInNotebook({ context, server, root, notebook, chapter, report, screenshotsDir }) {
  const label = `jupyter ${chapter}`;
  const tokenQ = `token=${server.token}`;
  const md = fs.readFileSync(path.join(root, chapter), 'utf8');
  const title = md.split('\n')[0].replace(/^#\s*/, '').trim();
  const figure = (md.match(/!\[[^\]]*\]\((figures\/[^)\s]+\.svg)\)/) || [])[1];
  const chapterName = path.basename(chapter);
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const page = await context.newPage();
  try {
    // 1. From the notebook's link.
    await page.goto(`${server.base}/notebooks/${notebook}?${tokenQ}`, { waitUntil: 'load', timeout: 60000 });
    const loaded = await poll(() => page.evaluate(notebookLoaded).catch(() => false), { timeoutMs: 60000 });
    if (!report.check(!!loaded, `${label}: ${notebook} opened`, loaded ? '' : 'its markdown did not render in 60 s')) return;
    const link = page.locator(`#notebook-container .text_cell_render a[href$="../theory/${chapterName}"]`).first();
    const links = await page.locator(`#notebook-container .text_cell_render a[href$="../theory/${chapterName}"]`).count();
    if (!report.check(links > 0, `${label}: ${notebook} links to the chapter`, `${links} link(s) to ../theory/${chapterName}`)) return;
    // Notebook 6 opens links of markdown cells in a new tab (target=_blank).
    const responses = [];
    const record = (r) => { if (r.url().includes(`/theory/${chapterName}`)) responses.push(r); };
    context.on('response', record);
    const [tab] = await Promise.all([context.waitForEvent('page', { timeout: 30000 }), link.click()]);
    await tab.waitForLoadState('load');
    context.off('response', record);
    const response = responses.find((r) => r.status() === 200);
    const text = await tab.evaluate(() => (document.body ? document.body.innerText : document.documentElement.textContent) || '');
    const url = new URL(tab.url());
    const rendered = await tab.evaluate(() => document.querySelectorAll('.MathJax, mjx-container, .katex').length);
    report.check(!!response && text.includes(title) && url.pathname.endsWith(`/theory/${chapterName}`),
      `${label}: the notebook's link opens the chapter`,
      `${url.pathname} (HTTP ${response ? response.status() : '?'}, ${response ? response.headers()['content-type'] : '?'}): `
      + (rendered ? `${rendered} formula(s) rendered` : 'Notebook 6 shows it as plain markdown text, formulas as TeX source')
      + (text.includes(title) ? '' : `; the page does not show the chapter's title "${title}" (it shows ${text.length} characters: "${short(text.trim(), 60)}")`));
    await tab.screenshot({ path: path.join(screenshotsDir, screenshotName('jupyter-link', chapterName)) });
    if (figure) {
      // The image as the chapter's markdown names it, resolved against the chapter's URL, opened
      // as a link from the chapter would open it (Notebook 6 serves /files/ only to requests that
      // come from its own pages: same-origin Referer).
      const figUrl = new URL(figure, tab.url()).href;
      const r = await tab.goto(figUrl, { waitUntil: 'load', referer: tab.url() });
      const box = await tab.evaluate(() => {
        const el = document.documentElement;
        const b = el.getBoundingClientRect();
        return { tag: el.tagName.toLowerCase(), width: Math.round(b.width), height: Math.round(b.height) };
      });
      report.check(!!r && r.status() === 200 && box.tag === 'svg' && box.width > 0 && box.height > 0,
        `${label}: its figure ${figure} loads`,
        `${new URL(figUrl).pathname}: HTTP ${r ? r.status() : '?'}, ${r ? r.headers()['content-type'] : '?'}, <${box.tag}> drawn ${box.width}×${box.height}`);
      await tab.screenshot({ path: path.join(screenshotsDir, screenshotName('jupyter-figure', path.posix.basename(figure))) });
    } else {
      report.check(false, `${label}: its figure loads`, 'the chapter shows no figures/*.svg');
    }
    await tab.close();

    // 2. From the file tree.
    await page.goto(`${server.base}/tree/theory?${tokenQ}`, { waitUntil: 'load' });
    const entry = page.locator(`#notebook_list a.item_link[href$="/theory/${chapterName}"]`).first();
    const seen = await poll(() => entry.count().catch(() => 0), { timeoutMs: 30000 });
    if (report.check(!!seen, `${label}: listed in the file tree (tree/theory)`)) {
      const [editor] = await Promise.all([context.waitForEvent('page', { timeout: 30000 }), entry.click()]);
      await editor.waitForLoadState('load');
      const shown = await poll(() => editor.evaluate(() => {
        const cm = document.querySelector('.CodeMirror');
        return cm && cm.CodeMirror ? cm.CodeMirror.getValue() : null;
      }).catch(() => null), { timeoutMs: 30000 });
      report.check(!!shown && shown.startsWith(md.split('\n')[0]) && shown.length === md.length,
        `${label}: opens from the file tree`,
        `${new URL(editor.url()).pathname}: Notebook 6's text editor, ${shown ? shown.length : 0} of ${md.length} characters (not rendered)`);
      await editor.screenshot({ path: path.join(screenshotsDir, screenshotName('jupyter-tree', chapterName)) });
      await editor.close();
    }

    // 3. The formulas with Jupyter's own MathJax (a markdown cell of the notebook page).
    await page.goto(`${server.base}/notebooks/${notebook}?${tokenQ}`, { waitUntil: 'load' });
    await poll(() => page.evaluate(notebookLoaded).catch(() => false), { timeoutMs: 60000 });
    const want = countFormulas(md);
    const got = await page.evaluate(renderInMarkdownCell, md);
    report.check(got.formulas === want.display + want.inline && got.displayed === want.display
      && got.errors === 0 && got.undefinedMacros === 0 && got.rawDollars === 0,
      `${label}: formulas render with Jupyter's MathJax`,
      `${got.formulas} typeset of ${want.display + want.inline} (${got.displayed} displayed of ${want.display}), `
      + `${got.errors} error(s), ${got.undefinedMacros} undefined macro(s), ${got.rawDollars} raw $$`
      + (got.bad.length ? `; e.g. ${short(got.bad.join(' | '))}` : ''));
    await page.screenshot({ path: path.join(screenshotsDir, screenshotName('jupyter-mathjax', chapterName)) });
  } catch (e) {
    report.check(false, `${label}: browser`, short(String(e.message || e).split('\n')[0], 200));
  } finally {
    // The cell added for check 3 must not be saved into the copy: close without saving.
    await page.evaluate(() => { if (window.Jupyter && Jupyter.notebook) Jupyter.notebook.set_dirty(false); }).catch(() => {});
    await page.close().catch(() => {});
  }
}
