// A small TypeScript highlighter for the notebooks' code cells on the site: comments,
// strings, numbers and keywords get a class; everything else is escaped text. One pass
// with one regular expression, so a keyword inside a string or a comment stays string or
// comment. Template literals are one string token (their `${}` parts are not parsed).
'use strict';
const { escapeHtml } = require('./markdown.cjs');

const KEYWORDS = new Set(('abstract as async await break case catch class const continue default delete do else enum '
  + 'export extends false finally for from function if implements import in instanceof interface let new null of '
  + 'private protected public readonly return static super switch this throw true try type typeof undefined var '
  + 'void while yield').split(' '));

const TOKEN = new RegExp([
  String.raw`(\/\/[^\n]*|\/\*[\s\S]*?\*\/)`, // 1 comment
  String.raw`("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|` + '`(?:\\\\[\\s\\S]|[^`\\\\])*`)', // 2 string
  String.raw`(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b)`, // 3 number
  String.raw`([A-Za-z_$][\w$]*)`, // 4 identifier or keyword
].join('|'), 'g');

/** `code` as HTML with `<span class="tok-…">` around comments, strings, numbers and keywords. */
function highlightTs(code) {
  let out = '';
  let last = 0;
  for (const m of code.matchAll(TOKEN)) {
    out += escapeHtml(code.slice(last, m.index));
    const [text, comment, string, number, word] = m;
    const cls = comment ? 'comment' : string ? 'string' : number ? 'number' : word && KEYWORDS.has(word) ? 'keyword' : null;
    out += cls ? `<span class="tok-${cls}">${escapeHtml(text)}</span>` : escapeHtml(text);
    last = m.index + text.length;
  }
  return out + escapeHtml(code.slice(last));
}

module.exports = { highlightTs };
