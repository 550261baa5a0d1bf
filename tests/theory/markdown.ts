/**
 * Markdown helpers of the theory and learner-path tests: code and comments stripped (line numbers
 * kept), formulas, relative link targets, heading slugs.
 */
/** Replace fenced code blocks (``` or ~~~) by empty lines, keeping line numbers. */
export function stripFencedCode(md: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of md.split('\n')) {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null && m) {
      fence = m[1];
      out.push('');
    } else if (fence !== null) {
      if (new RegExp('^\\s{0,3}' + fence[0] + '{' + fence.length + ',}\\s*$').test(line)) fence = null;
      out.push('');
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
}

/** Replace inline code spans by spaces of the same length. */
export function stripCodeSpans(text: string): string {
  return text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (s) => s.replace(/[^\n]/g, ' '));
}

/** Remove HTML comments. */
export function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (s) => s.replace(/[^\n]/g, ' '));
}

export interface Formula {
  tex: string;
  display: boolean;
  line: number;
}

/**
 * Extract $$…$$ (display) and $…$ (inline) formulas from markdown prose whose code
 * has already been removed. An inline formula follows the GitHub/pandoc rule: the
 * opening $ is not followed by a space, the closing $ is not preceded by a space and
 * not followed by a digit; it does not cross a blank line. `\$` is a literal dollar.
 * Returns the formulas and the line numbers of dollar signs that open nothing.
 */
export function extractMath(text: string): { formulas: Formula[]; stray: number[] } {
  const formulas: Formula[] = [];
  const stray: number[] = [];
  const lineAt = (pos: number) => text.slice(0, pos).split('\n').length;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch !== '$') {
      i++;
      continue;
    }
    if (text[i + 1] === '$') {
      const end = text.indexOf('$$', i + 2);
      if (end < 0) {
        stray.push(lineAt(i));
        i += 2;
        continue;
      }
      formulas.push({ tex: text.slice(i + 2, end), display: true, line: lineAt(i) });
      i = end + 2;
      continue;
    }
    // inline
    let j = i + 1;
    let found = -1;
    while (j < text.length) {
      if (text[j] === '\\') {
        j += 2;
        continue;
      }
      if (text[j] === '\n' && text[j + 1] === '\n') break; // paragraph ends
      if (text[j] === '$') {
        found = j;
        break;
      }
      j++;
    }
    const body = found > 0 ? text.slice(i + 1, found) : '';
    const ok =
      found > 0 &&
      body.length > 0 &&
      !/^\s/.test(body) &&
      !/\s$/.test(body) &&
      !/[0-9]/.test(text[found + 1] ?? '');
    if (!ok) {
      stray.push(lineAt(i));
      i++;
      continue;
    }
    formulas.push({ tex: body, display: false, line: lineAt(i) });
    i = found + 1;
  }
  return { formulas, stray };
}

/** Relative link and image targets of a markdown file (code ignored). */
export function linkTargets(md: string): { target: string; line: number }[] {
  const text = stripComments(stripCodeSpans(stripFencedCode(md)));
  const found: { target: string; line: number }[] = [];
  const lines = text.split('\n');
  const patterns = [
    /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g, // [text](target), ![alt](target)
    /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g, // [ref]: target
    /<(?:img|a|source)\b[^>]*?\b(?:src|href|srcset)\s*=\s*["']([^"']+)["']/gi, // HTML
  ];
  lines.forEach((line, k) => {
    for (const re of patterns) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line)) !== null) found.push({ target: m[1], line: k + 1 });
    }
  });
  return found.filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
}

/** GitHub's heading slugs: lower case, punctuation dropped, spaces to hyphens, duplicates numbered. */
export function headingSlugs(md: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of stripFencedCode(md).split('\n')) {
    const m = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[1]
      .replace(/`([^`]*)`/g, '$1')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    slugs.add(n === 0 ? base : `${base}-${n}`);
  }
  return slugs;
}

