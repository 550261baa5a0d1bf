// Markdown to HTML for the course site: marked (GitHub-flavoured) with math rendered by KaTeX
// at build time, GitHub-style heading ids (so the chapters' tables of contents work), and
// links rewritten from repository paths to site pages. Pure: no file system access; the
// caller says which repository paths are pages of the site.
'use strict';
const { Marked } = require('marked');
const katex = require('katex');

/** HTML-escape text for element content and attribute values. */
function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * GitHub's heading id: lower case, punctuation dropped (letters, digits, marks, spaces, `-`
 * and `_` kept), spaces to `-`; a repeated id gets `-1`, `-2`, ... (`seen` counts them).
 */
function slugify(text, seen) {
  let base = String(text).toLowerCase().trim()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
  if (!seen) return base;
  let id = base;
  const n = seen.get(base) || 0;
  if (n > 0) id = `${base}-${n}`;
  seen.set(base, n + 1);
  return id;
}

/** The text GitHub slugs a heading from: inline markdown with its markup removed. */
function headingPlainText(raw) {
  return String(raw)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML tags
    .replace(/[`*$]/g, '') // code, emphasis and math delimiters
    .replace(/&(amp|lt|gt|quot);/g, (m, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e]);
}

/** Render one formula; a formula KaTeX cannot parse becomes a `.katex-error` span (counted in `stats`). */
function renderMath(tex, displayMode, stats) {
  const html = katex.renderToString(tex, { displayMode, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
  if (stats) {
    stats.formulas += 1;
    if (html.includes('katex-error')) stats.errors.push(tex);
  }
  return html;
}

/** Index of the first `$` in `src` that is not escaped by a backslash, or -1. */
function firstUnescapedDollar(src) {
  for (let i = src.indexOf('$'); i !== -1; i = src.indexOf('$', i + 1)) {
    let backslashes = 0;
    for (let k = i - 1; k >= 0 && src[k] === '\\'; k--) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

// `$$ ... $$` as a block: the delimiters open a line (the formula may span lines).
const BLOCK_MATH = /^ {0,3}\$\$([\s\S]+?)\$\$[^\S\n]*(?:\n+|$)/;
// `$$ ... $$` inside a paragraph: display math.
const INLINE_DISPLAY_MATH = /^\$\$([\s\S]+?)\$\$/;
// `$ ... $`: no space after the opening or before the closing `$`, no digit after the
// closing one (so "costs $5 and $6" is text), no blank line inside.
const INLINE_MATH = /^\$(?![\s$])((?:\\[\s\S]|[^\\$\n]|\n(?!\s*\n))+?)(?<!\s)\$(?!\d)/;

/** marked extensions turning `$…$` and `$$…$$` into KaTeX HTML. */
function mathExtensions(stats) {
  return [
    {
      name: 'blockMath',
      level: 'block',
      start: (src) => { const i = src.indexOf('$$'); return i === -1 ? undefined : i; },
      tokenizer(src) {
        const m = BLOCK_MATH.exec(src);
        if (m) return { type: 'blockMath', raw: m[0], tex: m[1].trim() };
        return undefined;
      },
      renderer: (tok) => `<div class="math-display">${renderMath(tok.tex, true, stats)}</div>\n`,
    },
    {
      name: 'inlineMath',
      level: 'inline',
      start: (src) => { const i = firstUnescapedDollar(src); return i === -1 ? undefined : i; },
      tokenizer(src) {
        let m = INLINE_DISPLAY_MATH.exec(src);
        if (m) return { type: 'inlineMath', raw: m[0], tex: m[1].trim(), display: true };
        m = INLINE_MATH.exec(src);
        if (m) return { type: 'inlineMath', raw: m[0], tex: m[1], display: false };
        return undefined;
      },
      renderer: (tok) => renderMath(tok.tex, tok.display, stats),
    },
  ];
}

/**
 * Where a link in `fromPath` (a repository path such as `theory/01_x.md`) goes on the site.
 * `pageFor(repoPath)` returns the site path of a repository file that is on the site, or
 * null. Returns `{ href }` for a link to keep (rewritten if it pointed at a repository file),
 * or `{ offsite: repoPath }` for a link to a repository file that is not on the site.
 * External links (with a scheme), in-page anchors and mail links are kept as they are.
 */
function rewriteHref(href, fromPath, pageFor) {
  if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('//')) return { href };
  const m = /^([^?#]*)([?#].*)?$/.exec(href);
  const target = decodeURI(m[1]);
  const suffix = m[2] || '';
  const fromDir = posixDirname(fromPath);
  const repoPath = posixNormalize(target.startsWith('/') ? target.slice(1) : posixJoin(fromDir, target));
  if (repoPath.startsWith('../')) return { offsite: repoPath };
  const sitePath = pageFor(repoPath);
  if (sitePath == null) return { offsite: repoPath };
  const fromSite = pageFor(fromPath) ?? fromPath;
  return { href: encodeURI(posixRelative(posixDirname(fromSite), sitePath)) + suffix };
}

function posixDirname(p) {
  const i = p.lastIndexOf('/');
  return i === -1 ? '' : p.slice(0, i);
}
function posixJoin(a, b) {
  return a ? `${a}/${b}` : b;
}
function posixNormalize(p) {
  const out = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/') + (p.endsWith('/') && out.length ? '/' : '');
}
/** `to` relative to the folder `fromDir` (both site paths, `/`-separated). */
function posixRelative(fromDir, to) {
  const a = fromDir ? fromDir.split('/') : [];
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

/**
 * A markdown renderer for one source file. `fromPath`: the file's repository path (links are
 * resolved from it); `pageFor`: repository path → site path or null (see `rewriteHref`).
 * `render(md)` returns `{ html, stats }`: stats counts formulas, KaTeX errors, headings and
 * the links that pointed at repository files not on the site.
 */
function createRenderer({ fromPath, pageFor }) {
  const stats = { formulas: 0, errors: [], offsite: [], headings: [] };
  const seen = new Map();
  const marked = new Marked({ gfm: true });
  marked.use({ extensions: mathExtensions(stats) });
  marked.use({
    renderer: {
      heading({ tokens, depth, text }) {
        const id = slugify(headingPlainText(text), seen);
        stats.headings.push({ depth, id, text: headingPlainText(text) });
        return `<h${depth} id="${escapeHtml(id)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      link({ href, title, tokens }) {
        const inner = this.parser.parseInline(tokens);
        const r = rewriteHref(href, fromPath, pageFor);
        if (r.offsite) {
          stats.offsite.push(r.offsite);
          return `<span class="repo-link" title="${escapeHtml(`in the repository: ${r.offsite}`)}">${inner}</span>`
            + ` <span class="repo-path">(<code>${escapeHtml(r.offsite)}</code> in the repository)</span>`;
        }
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        const ext = /^https?:/i.test(r.href) ? ' rel="noopener"' : '';
        return `<a href="${escapeHtml(r.href)}"${t}${ext}>${inner}</a>`;
      },
      image({ href, title, text }) {
        const r = rewriteHref(href, fromPath, pageFor);
        if (r.offsite) {
          stats.offsite.push(r.offsite);
          return `<span class="repo-path">[image ${escapeHtml(text)}: <code>${escapeHtml(r.offsite)}</code>]</span>`;
        }
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(r.href)}" alt="${escapeHtml(text)}"${t}>`;
      },
    },
  });
  return {
    stats,
    render: (md) => marked.parse(md),
    renderInline: (md) => marked.parseInline(md),
    lexer: (md) => marked.lexer(md),
  };
}

module.exports = {
  escapeHtml, slugify, headingPlainText, renderMath, firstUnescapedDollar, rewriteHref,
  posixNormalize, posixRelative, createRenderer,
};
