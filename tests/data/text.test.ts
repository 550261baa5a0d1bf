/** Text preprocessing: tables of cases, one per row. */
import {
  CharVocab,
  contiguousStreams,
  joinWords,
  padSequences,
  PadOptions,
  randomWindows,
  streamBatchCount,
  tokenizeWords,
  TokenizeOptions,
  Vocabulary,
} from '../../lib/src/data';

describe('CharVocab', () => {
  test('ids in code-point order; encode/decode round-trips', () => {
    const v = CharVocab.fromText('hello, world');
    expect(v.chars).toEqual([' ', ',', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    expect(Array.from(v.encode('hello'))).toEqual([4, 3, 5, 5, 6]);
    expect(v.decode(v.encode('hello, world'))).toBe('hello, world');
  });

  test('characters outside the BMP are one id each', () => {
    const v = CharVocab.fromText('a🙂b');
    expect(v.vocabSize).toBe(3);
    expect(v.decode(v.encode('🙂ab'))).toBe('🙂ab');
  });

  test('unknown characters and ids are named in the error', () => {
    const v = CharVocab.fromText('ab');
    expect(() => v.encode('abc')).toThrow('character "c" at position 2 is not in the vocabulary');
    expect(() => v.decode([0, 5])).toThrow('id 5 at position 1 is outside 0..1');
  });
});

describe('tokenizeWords', () => {
  test.each<[string, TokenizeOptions, string[]]>([
    ['Hello, World!', {}, ['hello', 'world']],
    ['Hello, World!', { lowerCase: false }, ['Hello', 'World']],
    ['Hello, World!', { punctuation: 'keep' }, ['hello', ',', 'world', '!']],
    ["Don't stop; we know't at 5 o'clock", {}, ["don't", 'stop', 'we', "know't", 'at', '5', "o'clock"]],
    ['It\u2019s \u2018quoted\u2019', {}, ["it's", 'quoted']],
    ["'Tis the dogs' bone", {}, ['tis', 'the', 'dogs', 'bone']],
    ['gable-ended inn', { punctuation: 'keep' }, ['gable', '-', 'ended', 'inn']],
    ['Great film.<br /><br />Really.', { stripHtml: true }, ['great', 'film', 'really']],
    ['Café naïve', {}, ['café', 'naïve']],
    ['   ', {}, []],
  ])('%j %j', (text, options, tokens) => {
    expect(tokenizeWords(text, options)).toEqual(tokens);
  });
});

describe('joinWords: the text of word and punctuation tokens', () => {
  test.each<[string[], string]>([
    [['the', 'king', ',', 'my', 'lord', '.'], 'the king, my lord.'],
    [['first', 'citizen', ':', 'speak', ',', 'speak', '!'], 'first citizen: speak, speak!'],
    [['what', ',', 'ho', '?', 'romeo', ';', 'away', '!', '!'], 'what, ho? romeo; away!!'],
    [['gable', '-', 'ended', 'inn'], 'gable-ended inn'],
    [['the', 'king', '-', '-', 'no', '.'], 'the king--no.'],
    [['he', 'said', '(', 'aside', ')', 'nothing'], 'he said (aside) nothing'],
    [['[', 'exit', ']'], '[exit]'],
    [['we', "know't", '&', 'c'], "we know't&c"],
    [['Hello', 'World'], 'Hello World'],
    [[',', 'then'], ', then'],
    [['a', '', 'b'], 'a b'],
    [[], ''],
  ])('%j -> %j', (tokens, text) => {
    expect(joinWords(tokens)).toBe(text);
  });

  test('tokenizing the joined text gives the tokens back', () => {
    const text = "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n"
      + "We know't, we know't.--Nay, (aside) 'tis a gable-ended inn; [Exit] what?!";
    const tokens = tokenizeWords(text, { punctuation: 'keep' });
    expect(tokenizeWords(joinWords(tokens), { punctuation: 'keep' })).toEqual(tokens);
  });
});

describe('Vocabulary', () => {
  const docs = [
    ['the', 'cat', 'sat'],
    ['the', 'dog', 'sat'],
    ['the', 'cat', 'ran'],
  ];

  test.each<[string, { maxSize?: number; minCount?: number }, string[]]>([
    ['all tokens, by count then alphabetically', {}, ['<pad>', '<unk>', 'the', 'cat', 'sat', 'dog', 'ran']],
    ['minCount 2', { minCount: 2 }, ['<pad>', '<unk>', 'the', 'cat', 'sat']],
    ['maxSize 4 counts the two special tokens', { maxSize: 4 }, ['<pad>', '<unk>', 'the', 'cat']],
  ])('%s', (_case, options, tokens) => {
    expect(Vocabulary.build(docs, options).tokens).toEqual(tokens);
  });

  test('a vocabulary with no token besides the special ones is an error (issue 22)', () => {
    expect(() => Vocabulary.build(docs, { maxSize: 2 })).toThrow(/maxSize 2 leaves no room for a token/);
    expect(() => Vocabulary.build([], {})).toThrow(/no token kept \(0 distinct tokens/);
  });

  test('encode/decode round-trips known tokens; unknown ones become <unk>; padding is skipped', () => {
    const v = Vocabulary.build(docs, { minCount: 2 });
    expect(v.encode(['the', 'cat', 'sat'])).toEqual([2, 3, 4]);
    expect(v.decode(v.encode(['the', 'cat', 'sat']))).toEqual(['the', 'cat', 'sat']);
    expect(v.encode(['the', 'zebra'])).toEqual([2, Vocabulary.oovId]);
    expect(v.decode([0, 0, 2, 1])).toEqual(['the', '<unk>']);
    expect(v.decode([0, 2], true)).toEqual(['<pad>', 'the']);
  });

  test('decodeText: the tokens as text to read, padding skipped, punctuation attached', () => {
    const v = Vocabulary.build([['the', 'king', ',', 'my', 'lord', '.']]);
    expect(v.decodeText([0, ...v.encode(['the', 'king', ',', 'my', 'lord', '.'])])).toBe('the king, my lord.');
    expect(v.decodeText(v.encode(['the', 'queen', '!']))).toBe('the <unk> <unk>');
    expect(() => v.decodeText([99])).toThrow('id 99 at position 0 is outside');
  });

  test('custom special tokens', () => {
    const v = Vocabulary.build(docs, { padToken: '[PAD]', oovToken: '[OOV]', maxSize: 3 });
    expect(v.tokens).toEqual(['[PAD]', '[OOV]', 'the']);
    expect([v.padToken, v.oovToken]).toEqual(['[PAD]', '[OOV]']);
  });
});

describe('padSequences', () => {
  const seqs = [[1, 2, 3], [4, 5, 6, 7, 8], [9]];
  test.each<[string, PadOptions, number[][]]>([
    ['defaults: longest, pre, pre', {}, [[0, 0, 1, 2, 3], [4, 5, 6, 7, 8], [0, 0, 0, 0, 9]]],
    ['maxLen 4, padding pre, truncating pre', { maxLen: 4 }, [[0, 1, 2, 3], [5, 6, 7, 8], [0, 0, 0, 9]]],
    ['maxLen 4, padding post', { maxLen: 4, padding: 'post' }, [[1, 2, 3, 0], [5, 6, 7, 8], [9, 0, 0, 0]]],
    ['maxLen 4, truncating post', { maxLen: 4, truncating: 'post' }, [[0, 1, 2, 3], [4, 5, 6, 7], [0, 0, 0, 9]]],
    ['maxLen 2, post and post', { maxLen: 2, padding: 'post', truncating: 'post' }, [[1, 2], [4, 5], [9, 0]]],
    ['value -1', { maxLen: 3, value: -1 }, [[1, 2, 3], [6, 7, 8], [-1, -1, 9]]],
    ['maxLen 0', { maxLen: 0 }, [[], [], []]],
  ])('%s', (_case, options, expected) => {
    expect(padSequences(seqs, options)).toEqual(expected);
  });
});

describe('language-model batches', () => {
  const ids = Array.from({ length: 23 }, (_, i) => i); // 0..22

  test('random windows: y is x shifted by one; the seed fixes the batches', () => {
    const a = randomWindows(ids, { batchSize: 4, seqLen: 5, seed: 7 });
    const b = randomWindows(ids, { batchSize: 4, seqLen: 5, seed: 7 });
    for (let k = 0; k < 20; k++) {
      const batch = a();
      expect(batch).toEqual(b());
      expect(batch.x).toHaveLength(4);
      for (let r = 0; r < 4; r++) {
        expect(batch.x[r]).toHaveLength(5);
        expect(batch.y[r]).toEqual(batch.x[r].map((v) => v + 1));
        expect(batch.y[r][4]).toBeLessThanOrEqual(22);
      }
    }
  });

  test('contiguous streams: 2 streams of 11 steps, 3 batches of seqLen 3, each row continues the previous batch', () => {
    const batches = [...contiguousStreams(ids, { batchSize: 2, seqLen: 3 })];
    expect(streamBatchCount(ids.length, { batchSize: 2, seqLen: 3 })).toBe(3);
    expect(batches.map((b) => b.x)).toEqual([
      [[0, 1, 2], [11, 12, 13]],
      [[3, 4, 5], [14, 15, 16]],
      [[6, 7, 8], [17, 18, 19]],
    ]);
    expect(batches.map((b) => b.y)).toEqual([
      [[1, 2, 3], [12, 13, 14]],
      [[4, 5, 6], [15, 16, 17]],
      [[7, 8, 9], [18, 19, 20]],
    ]);
  });

  test('too few ids is a clear error', () => {
    expect(() => [...contiguousStreams([1, 2, 3], { batchSize: 2, seqLen: 3 })]).toThrow('3 ids are too few for batchSize 2 and seqLen 3');
    expect(() => randomWindows([1, 2], { batchSize: 1, seqLen: 2 })).toThrow('too few');
  });
});
