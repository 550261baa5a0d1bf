/**
 * Where charts go: tslab's rich display when the code runs in a tslab kernel, nowhere
 * otherwise (scripts and tests use the `...Html` functions instead).
 *
 * tslab is a dependency of the course's root package, not of `seqmodels`, and must not be
 * loaded in plain Node. So we never import it: tslab's executor defines
 * `globalThis.__tslab__` (its `exports` and `require` for the cell code) and its
 * `require('tslab')` returns the very module instance the kernel writes outputs through.
 * We use that; a plain `require('tslab')` inside try/catch is only a fallback.
 */

/** The part of tslab's `Display` we use (`tslab.display`, `tslab.newDisplay()`). */
export interface HtmlDisplay {
  html(s: string): void;
}

/** The part of the `tslab` module we use. Tests inject a fake with `setDisplayTarget`. */
export interface DisplayTarget {
  display: HtmlDisplay;
  /** A display that later calls overwrite in place (Jupyter `update_display_data`). */
  newDisplay(): HtmlDisplay;
  /**
   * One output with several forms (`{ 'text/html': ..., 'text/plain': ... }`), the front end
   * showing the richest it can. Optional: tslab's public API sends one form per output, so
   * this goes through the kernel's own writer when it can be found (see `tslabModule`).
   */
  mimeBundle?(data: Record<string, string>): void;
}

let injected: DisplayTarget | null | undefined;

/**
 * Send displays to `target` instead of tslab (tests, other front ends); `null` turns
 * displaying off; `undefined` goes back to detecting tslab.
 */
export function setDisplayTarget(target: DisplayTarget | null | undefined): void {
  injected = target;
}

/** The tslab module of the running kernel, or undefined outside tslab. */
function tslabModule(): DisplayTarget | undefined {
  const hook = (globalThis as { __tslab__?: { require?: (id: string) => unknown } }).__tslab__;
  if (!hook) return undefined;
  const candidates: Array<() => unknown> = [
    () => hook.require?.('tslab'),
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    () => require('tslab'),
  ];
  for (const load of candidates) {
    try {
      const m = load() as Partial<DisplayTarget> | undefined;
      if (m && m.display && typeof m.newDisplay === 'function') {
        return { display: m.display, newDisplay: () => m.newDisplay!(), mimeBundle: kernelMimeBundle(hook.require) };
      }
    } catch {
      // not resolvable from here: try the next way
    }
  }
  return undefined;
}

/** The writer of a `display_data` message in tslab's kernel (`tslab/dist/jupyter`). */
type WriteDisplayData = (content: { data: Record<string, string>; metadata: object; transient: object }, update: boolean) => void;

/**
 * Sends one output with several MIME forms, through the function tslab's own `display`
 * calls (`lastWriteDisplayData` of its jupyter module, set for the running cell). Undefined
 * when that module cannot be found; then tables are shown as HTML alone.
 */
function kernelMimeBundle(hookRequire?: (id: string) => unknown): ((data: Record<string, string>) => void) | undefined {
  let jupyter: { lastWriteDisplayData?: WriteDisplayData | null } | undefined;
  for (const load of [() => hookRequire?.('tslab/dist/jupyter'), () => require('tslab/dist/jupyter')]) {
    try {
      jupyter = load() as typeof jupyter;
      if (jupyter && 'lastWriteDisplayData' in jupyter) break;
      jupyter = undefined;
    } catch {
      // try the next way
    }
  }
  if (!jupyter) return undefined;
  const kernel = jupyter;
  return (data) => {
    const write = kernel.lastWriteDisplayData;
    if (typeof write !== 'function') throw new Error('tslab is not ready to display (no cell is running)');
    write({ data, metadata: {}, transient: {} }, false);
  };
}

/** Where displays go now, or undefined if nowhere. */
export function displayTarget(): DisplayTarget | undefined {
  if (injected !== undefined) return injected ?? undefined;
  return tslabModule();
}

/** Are we in a notebook (a tslab kernel, or an injected target)? */
export function inNotebook(): boolean {
  return displayTarget() !== undefined;
}

let hinted = false;

/** Say once per process that a display form was called outside a notebook. */
export function hintNoNotebook(what: string): void {
  if (hinted) return;
  hinted = true;
  process.stderr.write(`[seqmodels/plot] ${what}: not in a notebook, nothing displayed `
    + '(use the ...Html functions, e.g. lineChartHtml, and write the HTML to a file).\n');
}
