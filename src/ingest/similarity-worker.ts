/** A worker thread answering its share of the similarity queries (see similarItems). */
import { parentPort, workerData } from 'node:worker_threads';
import { queryItems, type SimilarityIndex, type SimilarityOptions, type SimilarityResults } from './similarity.ts';

const { index, options, out, part, parts } = workerData as { index: SimilarityIndex; options: SimilarityOptions; out: SimilarityResults; part: number; parts: number };
queryItems(index, options, out, part, parts);
parentPort!.postMessage('done');
