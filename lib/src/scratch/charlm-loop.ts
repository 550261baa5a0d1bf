/**
 * Around `CharLanguageModel` (charlm.ts): sampling that starts from a primed state. Used by
 * notebooks 01-03. The model is trained by the library's one training loop: `trainCharLM`
 * (lib/src/train/charlm.ts) runs `trainModel` over the text's windows.
 */
import { Mat, ctorOf, mat } from './mat';
import { CharLanguageModel, SampleOptions } from './charlm';
import { createWorkspace, forwardSequence } from './fast/sequence';

/** The states (h, c) after the model has read `prime` from zero states. */
export function primeState(model: CharLanguageModel, prime: ArrayLike<number>): { h: Mat; c: Mat } {
  const H = model.cfg.hiddenSize;
  const C = ctorOf(model.cfg.dtype);
  const h = mat(1, H, C), c = mat(1, H, C);
  if (prime.length === 0) return { h, c };
  const ws = createWorkspace(model.cellCfg, 1, 1, model.cfg.dtype);
  const x = new Int32Array(1);
  for (let i = 0; i < prime.length; i++) {
    x[0] = prime[i];
    const f = forwardSequence(model.cellCfg, model.cell, [x], { h, c: model.cfg.cell === 'lstm' ? c : undefined }, { workspace: ws });
    h.data.set(f.h.data);
    if (f.c) c.data.set(f.c.data);
  }
  return { h, c };
}

/**
 * `n` sampled indices that continue `prime` (at least one index): the model reads all of the
 * prime but its last index, which becomes the seed of `CharLanguageModel.sample`.
 */
export function sampleAfter(model: CharLanguageModel, prime: ArrayLike<number>, n: number, opts: Omit<SampleOptions, 'h' | 'c'> = {}): Int32Array {
  if (prime.length < 1) throw new Error('sampleAfter: expected a prime of at least one index, got 0');
  const head = Array.from(prime).slice(0, -1);
  const { h, c } = primeState(model, head);
  return model.sample(prime[prime.length - 1], n, { ...opts, h, c });
}
