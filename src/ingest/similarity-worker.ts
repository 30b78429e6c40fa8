/** A worker thread answering its share of the similarity queries (see similarItems). */
import { workerData } from 'node:worker_threads';
import { queryItems, type SimilarityIndex, type SimilarityOptions, type SimilarityResults } from './similarity.ts';

const { index, options, out, part, parts } = workerData as { index: SimilarityIndex; options: SimilarityOptions; out: SimilarityResults; part: number; parts: number };
// the answers go into `out` (shared memory); the thread's exit tells the caller it is done
queryItems(index, options, out, part, parts);
