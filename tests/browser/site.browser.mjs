// Browser check (b): the built site opened from the file system. For each page: it loads
// with no console error and requests nothing from the network; every plotly chart is drawn;
// every formula is KaTeX output with its fonts and no `.katex-error`, as many as the
// builder rendered; nothing is wider than the page and nothing wide is cut off (wide tables and
// text outputs scroll inside their own box); every relative link and resource points at an existing file (and at an
// existing id when it has a #fragment).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { poll, screenshotName } from './util.browser.mjs';

/** Every .html file under `dir`, as paths relative to it, index first. */
export function sitePages(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort((a, b) => (a === 'index.html' ? -1 : b === 'index.html' ? 1 : a.localeCompare(b)));
}

/** In the page: what it holds. */
function pageFacts() {
  const plots = Array.from(document.querySelectorAll('.seqmodels-plot'));
  const katexEl = document.querySelector('.katex');
  const expected = document.querySelector('meta[name="seqmodels-formulas"]');
  const refs = [
    ...Array.from(document.querySelectorAll('a[href]')).map((a) => ({ kind: 'link', raw: a.getAttribute('href'), url: a.href })),
    ...Array.from(document.querySelectorAll('img[src], script[src]')).map((e) => ({ kind: e.tagName.toLowerCase(), raw: e.getAttribute('src'), url: e.src })),
    ...Array.from(document.querySelectorAll('link[href]')).map((e) => ({ kind: 'stylesheet', raw: e.getAttribute('href'), url: e.href })),
  ];
  return {
    plots: plots.length,
    plotsDrawn: plots.filter((p) => p.querySelector('.main-svg')).length,
    formulas: document.querySelectorAll('.katex').length,
    expectedFormulas: expected ? Number(expected.content) : null,
    katexErrors: Array.from(document.querySelectorAll('.katex-error')).map((e) => e.getAttribute('title') || e.textContent),
    katexFont: katexEl ? getComputedStyle(katexEl).fontFamily : '',
    fontLoaded: Array.from(document.fonts).some((f) => f.family.replace(/["']/g, '') === 'KaTeX_Main' && f.status === 'loaded'),
    ids: Array.from(document.querySelectorAll('[id]')).map((e) => e.id),
    refs,
    errorOutputs: document.querySelectorAll('.output-error').length,
    // Horizontal overflow: the page itself must not scroll sideways, and an element whose content
    // is wider than its box must scroll (overflow-x auto/scroll), not clip it (hidden/clip).
    pageWidth: document.documentElement.scrollWidth,
    viewportWidth: document.documentElement.clientWidth,
    cutOff: Array.from(document.querySelectorAll('main *'))
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0
        && ['hidden', 'clip'].includes(getComputedStyle(e).overflowX)
        && !e.closest('.seqmodels-plot, .katex, .math-display'))
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}: ${e.textContent.trim().slice(0, 40)}`),
    scrolling: Array.from(document.querySelectorAll('main pre, main table, main .seqmodels-table'))
      .filter((e) => e.scrollWidth > e.clientWidth + 1).length,
    banner: document.querySelector('.banner')?.textContent ?? '',
  };
}

const short = (s, n = 100) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Check every page of the site in `siteDir`; one line per check per page in `report`. */
export async function checkSite({ context, siteDir, report, screenshotsDir }) {
  const pages = sitePages(siteDir);
  if (!report.check(pages.includes('index.html'), 'site: built', pages.length ? `${pages.length} pages in ${siteDir}` : `no pages in ${siteDir}: run \`npm run site\` first`)) return;
  const idsOf = new Map(); // file path → Set of ids, for links with a #fragment into other pages
  const idsInFile = (file) => {
    if (!idsOf.has(file)) {
      const html = fs.readFileSync(file, 'utf8');
      idsOf.set(file, new Set(Array.from(html.matchAll(/\sid="([^"]*)"/g), (m) => m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'))));
    }
    return idsOf.get(file);
  };
  fs.mkdirSync(screenshotsDir, { recursive: true });
  for (const rel of pages) {
    const label = `site ${rel}`;
    const file = path.join(siteDir, rel);
    const page = await context.newPage();
    const consoleErrors = [];
    const network = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => consoleErrors.push(`failed to load ${r.url()}: ${r.failure()?.errorText}`));
    page.on('request', (r) => { if (!/^(file|data|about|blob):/.test(r.url())) network.push(r.url()); });
    try {
      const t0 = Date.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 120000 });
      await page.evaluate(() => document.fonts.ready.then(() => true));
      // Charts draw once window.Plotly exists: wait until each holds its SVG (or 30 s).
      const drawn = await poll(() => page.evaluate(() => {
        const p = Array.from(document.querySelectorAll('.seqmodels-plot'));
        return p.every((e) => e.querySelector('.main-svg'));
      }), { timeoutMs: 30000, ms: 250 });
      const f = await page.evaluate(pageFacts);
      const loadSeconds = ((Date.now() - t0) / 1000).toFixed(1);
      report.check(consoleErrors.length === 0 && network.length === 0, `${label}: loads offline without console errors`,
        consoleErrors.length ? short(consoleErrors[0], 160) : network.length ? `network request to ${network[0]}` : `${loadSeconds} s`);
      if (rel.startsWith('notebooks/')) {
        report.check(!f.banner && f.errorOutputs === 0, `${label}: notebook ran without errors`,
          f.banner ? f.banner : f.errorOutputs ? `${f.errorOutputs} error output(s) in the executed notebook` : '');
      }
      if (f.plots > 0 || rel.startsWith('notebooks/')) {
        report.check(!!drawn, `${label}: charts rendered`, f.plots ? `${f.plotsDrawn} of ${f.plots} plotly chart(s) drawn` : 'no charts on this page');
      }
      if (f.formulas > 0 || (f.expectedFormulas ?? 0) > 0) {
        const problems = [];
        if (f.katexErrors.length) problems.push(`${f.katexErrors.length} .katex-error, first: ${short(f.katexErrors[0], 60)}`);
        if (f.expectedFormulas !== null && f.formulas !== f.expectedFormulas) problems.push(`${f.formulas} rendered, the builder made ${f.expectedFormulas}`);
        if (!/KaTeX_Main/.test(f.katexFont)) problems.push(`KaTeX stylesheet not applied (font-family ${f.katexFont})`);
        if (!f.fontLoaded) problems.push('KaTeX fonts not loaded');
        report.check(problems.length === 0, `${label}: formulas rendered`, problems.length ? problems.join('; ') : `${f.formulas} KaTeX formulas, fonts loaded`);
      }
      const wide = [];
      if (f.pageWidth > f.viewportWidth + 1) wide.push(`the page is ${f.pageWidth} px wide in a ${f.viewportWidth} px window`);
      if (f.cutOff.length) wide.push(`${f.cutOff.length} element(s) cut off, first: ${short(f.cutOff[0], 80)}`);
      report.check(wide.length === 0, `${label}: wide content scrolls in its box`,
        wide.length ? wide.join('; ') : `${f.scrolling} wide table(s) or text output(s) scroll sideways, nothing cut off`);
      const bad = [];
      let local = 0;
      let external = 0;
      const ownIds = new Set(f.ids);
      for (const ref of f.refs) {
        if (!ref.raw) continue;
        if (/^https?:/i.test(ref.url)) {
          if (ref.kind !== 'link') bad.push(`${ref.kind} from the network: ${ref.raw}`);
          else external += 1;
          continue;
        }
        if (/^(mailto|data|javascript):/i.test(ref.url)) continue;
        if (!ref.url.startsWith('file:')) { bad.push(`${ref.raw}: not a relative link`); continue; }
        local += 1;
        const u = new URL(ref.url);
        const hash = decodeURIComponent(u.hash.slice(1));
        u.hash = '';
        u.search = '';
        const target = fileURLToPath(u);
        if (ref.raw.startsWith('/') || /^file:/i.test(ref.raw)) { bad.push(`${ref.raw}: absolute`); continue; }
        if (!fs.existsSync(target) || fs.statSync(target).isDirectory()) { bad.push(`${ref.raw}: no file ${path.relative(siteDir, target)}`); continue; }
        if (hash) {
          const ids = path.resolve(target) === path.resolve(file) ? ownIds : idsInFile(target);
          if (!ids.has(hash)) bad.push(`${ref.raw}: no element with id "${hash}"`);
        }
      }
      report.check(bad.length === 0, `${label}: links resolve`,
        bad.length ? `${bad.length} broken, first: ${short(bad[0], 120)}` : `${local} relative link(s) and resources resolve${external ? `, ${external} external link(s) not followed (offline)` : ''}`);
      await page.screenshot({ path: path.join(screenshotsDir, screenshotName('site', rel)), fullPage: true });
    } catch (e) {
      report.check(false, `${label}: browser`, short(String(e.message || e).split('\n')[0], 200));
    } finally {
      await page.close().catch(() => {});
    }
  }
}
