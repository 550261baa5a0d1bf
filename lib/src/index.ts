/**
 * seqmodels: the library of the course "Sequence Models in TypeScript".
 * Notebooks import it by name: `import { initBackend, lstmStep } from "seqmodels"`.
 *
 * This entry point is the learner's API: what the notebooks and exercises use, grouped as in
 * lib/README.md. Everything else (the fast path's kernels and workspaces, display internals,
 * kernel plumbing) is reachable for the library's own code, the tests and the benchmarks
 * through `seqmodels/internals`.
 */
import { hardenKernelSockets } from './backend/kernel-sockets';

// In a notebook, queue the kernel's message sends before anything prints (see kernel-sockets.ts).
hardenKernelSockets();

// Set-up: the backend, the mode (COURSE_FAST), the notebook's first cell and its check helpers.
export { initBackend } from './backend/select';
export { isFast, pick } from './env';
export { setupNotebook, maxDiff, randomMat, randomF32, toMat, rowsOf, fmt } from './notebook';
export type { NotebookSetupOptions } from './notebook';

// From scratch (theory 01-03): matrices, the three cells, the loop over time, checks.
export type { Mat } from './scratch/mat';
export type { CellKind, CellConfig, CellParams } from './scratch/types';
export { mat, matFrom, matmul } from './scratch/mat';
export { seededRng, initCellParams, orthogonal } from './scratch/init';
export { paramCount, zerosLike } from './scratch/params';
export { rnnStep, rnnStepBackward } from './scratch/rnn';
export { lstmStep, lstmStepBackward } from './scratch/lstm';
export { gruStep, gruStepBackward } from './scratch/gru';
export { forwardSequence, backwardSequence, stackTime } from './scratch/fast/sequence';
export { gradientCheck } from './scratch/gradcheck';
export { clipByGlobalNorm, clipByValue, globalNorm } from './scratch/clip';
export { perplexity } from './scratch/softmax';
export { forwardStack } from './scratch/stack';
export { forwardBidirectional } from './scratch/bidirectional';
export { CharLanguageModel } from './scratch/charlm';
export { sampleAfter } from './scratch/charlm-loop';
export { fromPyTorchLayout } from './scratch/layout';
export type { PyTorchParams } from './scratch/layout';

// Data: corpora, tokens and vocabularies, series and windows, the dataset registry.
export type { SeriesTable, Windows } from './data';
export {
  loadTinyShakespeare, CharVocab, tokenizeWords, Vocabulary, padSequences, loadImdb,
  loadBeijingWeather, loadStocks, STOCK_TICKERS, fillMissing, tableFromFrame, splitByTime, Scaler,
  slidingWindows, windowsToTensors, readRegistry, cacheDir, mirrorDir,
} from './data';

// Charts and the live training display.
export { plot, lineChart, barChart, forecastChart, showTable, trainingProgress } from './plot';

// Training tf.layers models: the loop, learning rates, saving, freeing.
export {
  trainModel, trainCharLM, saveModel, loadModel, setLearningRate, getLearningRate, warmdown,
  scheduleLearningRate, epochPermutation, disposeModel, lastTrainResult, earlyStopping,
} from './train';
export type { TrainResult, TrainCallbacks, TrainConfig, Trainable } from './train';

// The library's fast recurrent layers (drop-in for tf.layers.simpleRNN / lstm / gru).
export { fastSimpleRnn, fastLstm, fastGru, recurrentLayer, seededDropout } from './layers';

// Text generation (notebook 04).
export {
  languageModel, lmWindows, generatorFor, generate, beamGenerate, beamStep, continuationLogProb, unigramCrossEntropy,
  NGramModel, unknownRate,
} from './textgen';

// Sequence to sequence, tagging and attention (notebooks 05, 09).
export {
  additionTask, dateTask, DATE_FORMATS, Seq2SeqCodec, encodePairs, disposeEncoded, shiftRight,
  buildSeq2Seq, fitSeq2Seq, greedyDecode, beamDecode, exactMatchAccuracy, symbolAccuracy, SeqAttention,
  taggingTask, taggingTensors, taggingAccuracy, buildTagger,
} from './seq2seq';

// Forecasting (notebook 06): metrics, baselines, windows, features, the model.
export {
  mae, rmse, mape, directionalAccuracy, forecastMetrics, improvementPercent, maeByStep, rmseByStep,
  intervalCoverage, persistence, randomWalk, fitLinear, everyNthStep, targetSteps, inputColumn,
  concatWindows, missingRuns, calendarFeatures, withColumns, logReturns, pricesFromLogReturns,
  buildForecaster, predictFlat, verdictSentence, compareErrors, seasonalNaive,
  autoregressiveForecast,
} from './forecast';

// Sentiment classification (notebook 07).
export {
  buildSentimentModel, encodeReviews, predictProbabilities, predictSentiment,
  binaryAccuracy, confusionMatrix, binaryReport, thresholdProbabilities, confidentlyWrong,
  embeddingRows, pca,
} from './classify';

// Comparing the three cells (notebook 08).
export { MemoryModel, trainMemoryModel, addingProblem, measureThroughput, timedValidation } from './compare';
