/** A worker thread merging the words of one range of the shards' word indexes (see merge-words.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { mergedWords, packWords, type WordRange, type WordShard, type WordsResult } from './merge-words.ts';

const { shards, range } = workerData as { shards: WordShard[]; range: WordRange };
try {
  const packed = packWords(mergedWords(shards, range));
  parentPort!.postMessage({ packed } satisfies WordsResult, [packed.bytes.buffer as ArrayBuffer]);
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies WordsResult);
}
