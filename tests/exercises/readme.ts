/**
 * The tables of exercises/README.md ("The exercises and the mistakes their graders catch"),
 * generated from the graders so that the README cannot drift from what is tested.
 * `UPDATE_README=1 npx jest tests/exercises/graders.test.ts` rewrites them.
 */
import { Grader } from './harness';

export const UNIT_TITLES: Record<string, string> = {
  '01_rnn': '01 · RNN fundamentals (theory 01, notebook 01)',
  '02_lstm': '02 · LSTM (theory 02, notebook 02)',
  '03_gru': '03 · GRU (theory 03, notebook 03)',
  '04_text': '04 · Text generation (notebook 04)',
  '05_seq2seq': '05 · Sequence prediction, encoder-decoder (notebook 05)',
  '06_timeseries': '06 · Time series forecasting (notebook 06)',
  '07_sentiment': '07 · Sentiment analysis (notebook 07)',
  '08_compare': '08 · Comparing RNN, LSTM and GRU (theory 04, notebook 08)',
  '09_advanced': '09 · Advanced architectures (theory 05, notebook 09)',
};

/** Markdown cell text: escape pipes, show <pad>-like tokens as code so markdown keeps them. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/<(pad|unk|start)>/g, '`<$1>`');

export function readmeTables(units: Record<string, Grader[]>): string {
  let md = '';
  for (const [unit, graders] of Object.entries(units)) {
    md += `\n### ${UNIT_TITLES[unit] ?? unit} — \`exercises/${unit}/\`\n\n`;
    md += '| exercise | function | what it asks | cases | mistakes the grader catches |\n|---|---|---|---|---|\n';
    for (const g of graders) {
      const mistakes = g.mistakes.map((m) => `\`${m.id}\`: ${cell(m.description)}`).join('<br>');
      md += `| [\`${g.name}\`](${unit}/${g.name}.ts) | \`${g.exportName}\` | ${cell(g.title)} | ${g.cases.length} | ${mistakes} |\n`;
    }
  }
  return md;
}

/** The part of the README the tables occupy: from the first unit heading to "## For maintainers". */
export function tablesSection(readme: string): { start: number; end: number } {
  const start = readme.indexOf('\n### 01 ·');
  const end = readme.indexOf('\n## For maintainers');
  return { start, end };
}
