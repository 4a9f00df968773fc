/**
 * The picks CLI: the extension's own ranking code on a catalogue file, for development and outside checks.
 *
 *   npm run --silent picks -- --reading P [--reading P ...] [--group] --strategy match|lift
 *                              [--page K] [--page-size N] [--catalogue FILE] [--scores]
 *
 * P is seven comma-separated probabilities (angry, disgust, fear, happy, sad, surprise, neutral). Prints one JSON
 * object {"picks": [{id, title, year, genres, reason}], "scores"?: {id: fit}}; a group's picks also carry
 * "fits": "fits k of N". --page K (0-based) gives the K-th page of N (default 5). Bad arguments: one line, exit 2.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeBuiltinCatalogue } from '../catalogue/builtin';
import type { Film } from '../catalogue/types';
import { EMOTIONS } from '../mood/emotions';
import { groupFitScores, rankGroupPicks } from './group';
import { DEFAULT_PAGE_SIZE } from './ordering';
import { fitScores, rankPicks, sceneWithoutHistory } from './rank';
import type { Strategy } from './types';

/** The shipped catalogue, relative to the repository root. */
export const SHIPPED_CATALOGUE = join(dirname(fileURLToPath(import.meta.url)), '../../public/catalogue/movielens.json');

export class UsageError extends Error {}

export interface CliOptions {
  readings: number[][];
  group: boolean;
  strategy: 'match' | 'lift';
  page: number;
  pageSize: number;
  catalogue: string;
  scores: boolean;
}

const USAGE =
  'usage: picks --reading P [--reading P ...] [--group] --strategy match|lift [--page K] [--page-size N] [--catalogue FILE] [--scores]';

function parseReading(text: string): number[] {
  const parts = text.split(',');
  if (parts.length !== EMOTIONS.length) {
    throw new UsageError(
      `--reading needs ${EMOTIONS.length} comma-separated probabilities (${EMOTIONS.join(', ')}), got "${text}"`,
    );
  }
  const values = parts.map((part) => (part.trim() === '' ? NaN : Number(part)));
  if (values.some((value) => !Number.isFinite(value) || value < 0)) {
    throw new UsageError(`--reading "${text}": each probability must be a number ≥ 0`);
  }
  const total = values.reduce((sum, value) => sum + value, 0);
  if (total <= 0) throw new UsageError(`--reading "${text}": the probabilities must not all be 0`);
  return values.map((value) => value / total);
}

/** The arguments as options; a UsageError says what is wrong in one line. */
export function parseArguments(args: readonly string[]): CliOptions {
  const readings: number[][] = [];
  let group = false;
  let strategy: CliOptions['strategy'] | null = null;
  let page = 0;
  let pageSize = DEFAULT_PAGE_SIZE;
  let catalogue = SHIPPED_CATALOGUE;
  let scores = false;
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!;
    const value = () => {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${name} needs a value`);
      i += 1;
      return next;
    };
    switch (name) {
      case '--reading':
        readings.push(parseReading(value()));
        break;
      case '--group':
        group = true;
        break;
      case '--strategy': {
        const given = value();
        if (given !== 'match' && given !== 'lift')
          throw new UsageError(`--strategy must be match or lift, not "${given}"`);
        strategy = given;
        break;
      }
      case '--page-size': {
        const given = value();
        const size = Number(given);
        if (!/^\d+$/.test(given) || size < 1 || size > 1000)
          throw new UsageError(`--page-size must be a whole number from 1 to 1000, not "${given}"`);
        pageSize = size;
        break;
      }
      case '--page': {
        const given = value();
        if (!/^\d+$/.test(given) || Number(given) > 100_000)
          throw new UsageError(`--page must be a whole number from 0 (the first page), not "${given}"`);
        page = Number(given);
        break;
      }
      case '--catalogue':
        catalogue = resolve(value());
        break;
      case '--scores':
        scores = true;
        break;
      default:
        throw new UsageError(`unknown argument "${name}"; ${USAGE}`);
    }
  }
  if (readings.length === 0) throw new UsageError(`--reading is required; ${USAGE}`);
  if (strategy === null) throw new UsageError(`--strategy is required; ${USAGE}`);
  if (readings.length > 1 && !group) throw new UsageError('several --reading need --group (movie night)');
  return { readings, group, strategy, page, pageSize, catalogue, scores };
}

/** Reads a catalogue file; a UsageError when it is missing or not a catalogue. */
export function loadCatalogue(path: string): Film[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--catalogue ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  try {
    return decodeBuiltinCatalogue(text).films;
  } catch (error) {
    throw new UsageError(
      `--catalogue ${path}: ${(error as Error).message.replace(/\s*Reinstall the extension\.$/, '')}`,
    );
  }
}

/** The JSON the CLI prints, for the given options and films. */
export function picksOutput(options: CliOptions, films: readonly Film[]): Record<string, unknown> {
  const strategy: Strategy = options.strategy;
  const scene = { ...sceneWithoutHistory(films, strategy), page: options.page, pageSize: options.pageSize };
  const isGroup = options.group && options.readings.length > 1;
  const page = isGroup
    ? rankGroupPicks({ ...scene, members: options.readings })
    : rankPicks({ ...scene, probabilities: options.readings[0]! });
  const output: Record<string, unknown> = {
    picks: page.picks.map(({ id, title, year, genres, reason, fitsPeople }) => ({
      id,
      title,
      year,
      genres,
      reason,
      ...(isGroup && fitsPeople ? { fits: `fits ${fitsPeople.fits} of ${fitsPeople.of}` } : {}),
    })),
  };
  if (options.scores) {
    const scores = isGroup
      ? groupFitScores({ ...scene, members: options.readings })
      : fitScores({ ...scene, probabilities: options.readings[0]! });
    output.scores = Object.fromEntries([...scores].map(([id, score]) => [id, Math.round(score * 1e6) / 1e6]));
  }
  return output;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const options = parseArguments(process.argv.slice(2));
    const films = loadCatalogue(options.catalogue);
    process.stdout.write(`${JSON.stringify(picksOutput(options, films))}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`picks: ${message.split('\n')[0]}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
