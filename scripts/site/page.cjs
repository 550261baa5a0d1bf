// The page frame of the course site and the course map of the index page. Pure.
'use strict';
const { escapeHtml, posixRelative } = require('./markdown.cjs');

/**
 * A complete HTML page. `sitePath`: where the page sits in the site (`theory/01_x.html`),
 * so the stylesheet and the navigation are linked relatively (the site works from file://).
 * `nav`: [{ title, sitePath }] shown in the header. `formulas`: how many formulas the page
 * holds (a meta tag: the browser tests compare it with what they find rendered).
 */
function pageHtml({ sitePath, title, body, nav = [], footer = '', kind = 'page', formulas = 0 }) {
  const dir = sitePath.includes('/') ? sitePath.slice(0, sitePath.lastIndexOf('/')) : '';
  const rel = (p) => escapeHtml(posixRelative(dir, p));
  const links = nav.map((n) => (n.sitePath === sitePath
    ? `<span class="nav-current">${escapeHtml(n.title)}</span>`
    : `<a href="${rel(n.sitePath)}">${escapeHtml(n.title)}</a>`)).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="seqmodels-formulas" content="${Number(formulas)}">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${rel('assets/katex/katex.min.css')}">
<link rel="stylesheet" href="${rel('assets/site.css')}">
</head>
<body class="${escapeHtml(kind)}">
<header class="site-header"><nav>
${links}
</nav></header>
<main>
${body}
</main>
<footer class="site-footer">${footer}</footer>
</body>
</html>
`;
}

/**
 * The course map from the README: the rows of the table under the heading "Course map".
 * `lexer` is a marked lexer. Returns { header: string[], rows: string[][] } of raw
 * markdown cell texts, or null if the README has no such table.
 */
function courseMapTable(readme, lexer) {
  const tokens = lexer(readme);
  let inSection = false;
  for (const t of tokens) {
    if (t.type === 'heading') inSection = /course map/i.test(t.text);
    else if (inSection && t.type === 'table') {
      return { header: t.header.map((c) => c.text), rows: t.rows.map((r) => r.map((c) => c.text)) };
    }
  }
  return null;
}

/**
 * The course map's cells, for the site: the notebook named in `` `04_text_generation` ``
 * becomes a link to its page (or says it is being written); in the theory column, bare
 * chapter numbers ("02, 01") become links to those chapters. `chapters`: number → site path;
 * `notebooks`: name → site path; `inline`: markdown → HTML (links resolved from README.md).
 */
function courseMapCells(row, header, { chapters, notebooks, inline }) {
  return row.map((cell, i) => {
    const col = (header[i] || '').toLowerCase();
    if (col === 'notebook') {
      const name = cell.replace(/`/g, '').trim();
      if (notebooks[name]) return `<a href="${escapeHtml(notebooks[name])}"><code>${escapeHtml(name)}</code></a>`;
      return `<code>${escapeHtml(name)}</code> <span class="pending">(being written)</span>`;
    }
    if (col === 'theory' && /^\s*\d{2}(\s*,\s*\d{2})*\s*$/.test(cell)) {
      return cell.split(',').map((s) => s.trim()).map((num) => (chapters[num]
        ? `<a href="${escapeHtml(chapters[num])}">${num}</a>` : escapeHtml(num))).join(', ');
    }
    return inline(cell);
  });
}

module.exports = { pageHtml, courseMapTable, courseMapCells };
