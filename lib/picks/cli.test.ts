import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBuiltinCatalogue } from '../catalogue/builtin';
import { film } from '../../tests/support/test-catalogue';
import { parseArguments, picksOutput, UsageError } from './cli';
import { loadMovieLens } from '../../tests/support/test-films';

const HAPPY = '0.02,0.01,0.02,0.85,0.03,0.03,0.04';
const SAD = '0.03,0.02,0.03,0.02,0.82,0.03,0.05';
const FEAR = '0.03,0.02,0.8,0.03,0.05,0.02,0.05';

describe('picks CLI arguments', () => {
  it('reads readings, group, strategy, page size, catalogue and scores', () => {
    const options = parseArguments([
      '--reading',
      HAPPY,
      '--reading',
      SAD,
      '--group',
      '--strategy',
      'lift',
      '--page',
      '2',
      '--page-size',
      '8',
      '--scores',
    ]);
    expect(options).toMatchObject({ group: true, strategy: 'lift', page: 2, pageSize: 8, scores: true });
    expect(parseArguments(['--reading', HAPPY, '--strategy', 'match']).page).toBe(0);
    expect(options.readings).toHaveLength(2);
    expect(options.readings[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('says in one line what is wrong', () => {
    const bad: string[][] = [
      [],
      ['--reading', HAPPY],
      ['--reading', '0.5,0.5', '--strategy', 'match'],
      ['--reading', 'a,b,c,d,e,f,g', '--strategy', 'match'],
      ['--reading', '0,0,0,0,0,0,0', '--strategy', 'match'],
      ['--reading', HAPPY, '--strategy', 'custom'],
      ['--reading', HAPPY, '--strategy', 'match', '--page-size', '0'],
      ['--reading', HAPPY, '--strategy', 'match', '--page', '-1'],
      ['--reading', HAPPY, '--strategy', 'match', '--page', 'two'],
      ['--reading', HAPPY, '--strategy', 'match', '--page', '1.5'],
      ['--reading', HAPPY, '--reading', SAD, '--strategy', 'match'],
      ['--reading', HAPPY, '--strategy', 'match', '--colour'],
      ['--reading', HAPPY, '--strategy'],
    ];
    for (const args of bad) {
      expect(() => parseArguments(args), args.join(' ')).toThrow(UsageError);
      try {
        parseArguments(args);
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });
});

describe('picks CLI output (MovieLens ml-latest-small, as shipped)', () => {
  it('prints picks with id, title, year, genres and reason, and scores only when asked', { timeout: 60_000 }, () => {
    const films = loadMovieLens();
    const options = parseArguments(['--reading', HAPPY, '--strategy', 'match']);
    const output = picksOutput(options, films) as { picks: Record<string, unknown>[]; scores?: unknown };
    expect(output.picks).toHaveLength(5);
    for (const pick of output.picks) expect(Object.keys(pick)).toEqual(['id', 'title', 'year', 'genres', 'reason']);
    expect(output.scores).toBeUndefined();
    const withScores = picksOutput({ ...options, scores: true }, films) as { scores: Record<string, number> };
    // Higher fits better: a light family comedy above Pulp Fiction, which cannot fit a happy mood at all.
    expect(withScores.scores['1']).toBeGreaterThan(0);
    expect(withScores.scores['296']).toBeUndefined();
    for (const pick of output.picks) expect(withScores.scores[pick.id as string]).toBeGreaterThan(0);
  });

  it('gives later pages with --page, the same films as one larger page', () => {
    const films = loadMovieLens();
    const page = (args: string[]) =>
      (
        picksOutput(parseArguments(['--reading', HAPPY, '--strategy', 'lift', ...args]), films) as {
          picks: { id: string }[];
        }
      ).picks.map((pick) => pick.id);
    const fifteen = page(['--page-size', '15']);
    expect(fifteen).toHaveLength(15);
    expect([0, 1, 2].flatMap((k) => page(['--page', String(k)]))).toEqual(fifteen);
    expect(page(['--page', '1', '--page-size', '10'])).toEqual([...page(['--page', '2']), ...page(['--page', '3'])]);
  }, 60_000);

  it(
    'gives movie night with --group: each pick says whom it fits ("fits k of N") and fits someone',
    { timeout: 60_000 },
    () => {
      const films = loadMovieLens();
      const options = parseArguments([
        '--reading',
        HAPPY,
        '--reading',
        SAD,
        '--reading',
        FEAR,
        '--group',
        '--strategy',
        'match',
        '--scores',
      ]);
      const output = picksOutput(options, films) as {
        picks: { id: string; fits: string; reason: string }[];
        scores: Record<string, number>;
      };
      expect(output.picks).toHaveLength(5);
      for (const pick of output.picks) {
        expect(output.scores[pick.id]).toBeDefined();
        expect(pick.fits).toMatch(/^fits [123] of 3$/);
        // The group's own mood: one of each, so the reason names all three.
        expect(pick.reason).toMatch(/for a happy, sad and fearful group/);
      }
      // A single reading's picks carry no "fits".
      const single = picksOutput(parseArguments(['--reading', HAPPY, '--strategy', 'match']), films) as {
        picks: object[];
      };
      for (const pick of single.picks) expect(pick).not.toHaveProperty('fits');
    },
  );
});

describe('picks CLI as a command', () => {
  const run = (args: string[]) => spawnSync('npx', ['tsx', 'lib/picks/cli.ts', ...args], { encoding: 'utf8' });

  it('prints one JSON object from a catalogue file, and exits 2 with one line on bad arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moodreel-picks-'));
    try {
      const file = join(dir, 'small.json');
      const films = [
        film({
          id: '1',
          title: 'Light One',
          year: 2001,
          genres: ['Comedy'],
          rating: 4,
          ratingCount: 50,
          tone: [0.9, 0.8, -0.5, -0.5, 0],
        }),
        film({
          id: '2',
          title: 'Dark One',
          year: 2002,
          genres: ['Comedy', 'Crime'],
          rating: 4.2,
          ratingCount: 50,
          tone: [-1, -0.9, 0.7, 0.5, 0.8],
        }),
      ];
      writeFileSync(
        file,
        encodeBuiltinCatalogue(films, { version: 1, source: 'test', ratingPrior: { mean: 3.5, weight: 3 } }),
      );
      const out = execFileSync(
        'npx',
        ['tsx', 'lib/picks/cli.ts', '--reading', HAPPY, '--strategy', 'match', '--catalogue', file, '--scores'],
        { encoding: 'utf8' },
      );
      const parsed = JSON.parse(out);
      expect(parsed.picks[0]).toEqual({
        id: '1',
        title: 'Light One',
        year: 2001,
        genres: ['Comedy'],
        reason: 'Light, warm comedy for your happy mood · 4.0 stars from 50 viewers',
      });
      // The dark comedy does not fit a happy mood: it comes only after, as a broadly loved film, said as such.
      expect(parsed.picks).toHaveLength(2);
      expect(parsed.picks[1].reason).toMatch(/^Loved by MovieLens viewers · /);
      expect(Object.keys(parsed.scores)).toEqual(['1']);

      const bad = run(['--reading', '1,2,3', '--strategy', 'match']);
      expect(bad.status).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      const missing = run(['--reading', HAPPY, '--strategy', 'match', '--catalogue', join(dir, 'none.json')]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
