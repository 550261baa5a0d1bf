/** Shared by the loaders: a downloadable dataset's text, verified, via io/fetch.ts. */
import { CsvTable, parseCsv } from '../csv';
import { readText } from '../io/files';
import { fetchDataset, FetchOptions } from '../io/fetch';

/** The text of a registered downloadable dataset (cache, mirror or network). */
export async function datasetText(name: string, options: FetchOptions = {}): Promise<string> {
  return readText(await fetchDataset(name, options));
}

/** A registered CSV dataset, parsed; errors name the local file and line. */
export async function datasetCsv(name: string, options: FetchOptions = {}): Promise<CsvTable> {
  const file = await fetchDataset(name, options);
  return parseCsv(readText(file), file);
}
