import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The shared corpus of real-world feeds lives beside the project (`../shared/corpus/feeds`),
 * not in it. `KAZWIRE_CORPUS_DIR` overrides the location. Tests that need it skip themselves, saying so,
 * when it is absent (a user's fresh clone).
 */
export const corpusDir = process.env.KAZWIRE_CORPUS_DIR ?? path.resolve(projectRoot, '../shared/corpus/feeds');
export const corpusAvailable = existsSync(path.join(corpusDir, 'MANIFEST.tsv'));
export const corpusSkipReason = `feed corpus not found at ${corpusDir} (set KAZWIRE_CORPUS_DIR); skipping corpus tests`;
