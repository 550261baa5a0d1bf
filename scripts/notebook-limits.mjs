// The limits every executed notebook must keep in full mode, and the report of the notebook
// runner's records against them (used by run-notebooks.mjs and bench.mjs).
//
// - Issue #12: the kernel's peak resident memory stays under 3 GB.
// - Issue #18: the executed copy weighs at most 3 MB (most of it the chart library, once).

export const PEAK_MEMORY_LIMIT_MB = 3072;
export const NOTEBOOK_SIZE_LIMIT_MB = 3;

/**
 * The report of build/notebook-times.json (`{ "NAME.ipynb:mode": { seconds, peakMemoryMB,
 * sizeMB, ok } }`): one line per run, and the runs over each limit. A run over a limit in
 * fast mode is flagged too (it would be over in full mode as well).
 */
export function notebookReport(times) {
  const lines = [];
  const overMemory = [];
  const overSize = [];
  for (const [k, v] of Object.entries(times)) {
    const peak = typeof v.peakMemoryMB === 'number' ? v.peakMemoryMB : null;
    const size = typeof v.sizeMB === 'number' ? v.sizeMB : null;
    const even = k.endsWith(':full') ? '' : ' (even in fast mode)';
    const memFlag = peak !== null && peak > PEAK_MEMORY_LIMIT_MB ? `OVER 3 GB${even}` : '';
    const sizeFlag = size !== null && size > NOTEBOOK_SIZE_LIMIT_MB ? `OVER ${NOTEBOOK_SIZE_LIMIT_MB} MB ON DISK${even}` : '';
    if (memFlag) overMemory.push(k);
    if (sizeFlag) overSize.push(k);
    const mem = (peak === null ? 'n/a' : `${peak} MB`).padStart(9);
    const disk = (size === null ? 'n/a' : `${size.toFixed(1)} MB`).padStart(8);
    const seconds = typeof v.seconds === 'number' ? v.seconds.toFixed(1) : 'n/a';
    lines.push(`${k.padEnd(48)} ${seconds.padStart(8)} s  peak ${mem}  size ${disk} `
      + [v.ok ? '' : '(failed)', memFlag, sizeFlag].filter(Boolean).join(' '));
  }
  return { lines, overMemory, overSize };
}
