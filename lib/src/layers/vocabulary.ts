/**
 * One vocabulary for the options of the library's model builders (`embeddingDim`, `hiddenSize`,
 * `fast`, `seed`, ...). A builder's config is a plain object, so TypeScript lets an unknown key
 * through whenever the object was built beforehand: `languageModel(config)` with `embedDim` in
 * `config` used to build a model of the default width without a word. `checkOptionNames` makes the
 * builders refuse names they do not know, and names the course's word for the old ones.
 */

/** Old or foreign names of options and the course's name for each. */
export const RENAMED_OPTIONS: Readonly<Record<string, string>> = {
  embedDim: 'embeddingDim',
  embedSize: 'embeddingDim',
  embeddingSize: 'embeddingDim',
  implementation: 'fast (true: the library\'s fused layers, false: tf.layers\')',
  units: 'hiddenSize',
  hiddenUnits: 'hiddenSize',
  learningRate: 'lr',
  cellType: 'cell',
};

/** Throw if `config` has a key not in `known`, saying which name to use instead when there is one. */
export function checkOptionNames(where: string, config: object, known: readonly string[]): void {
  const unknown = Object.keys(config).filter((k) => !known.includes(k));
  if (unknown.length === 0) return;
  const hints = unknown.map((k) => (RENAMED_OPTIONS[k] ? `'${k}' is called ${RENAMED_OPTIONS[k]}` : `'${k}' is not an option`));
  throw new Error(`${where}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} (${hints.join('; ')}). Options: ${known.join(', ')}`);
}
