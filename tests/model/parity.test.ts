/**
 * The shipped TensorFlow.js model (public/models/emotion) against the PyTorch model it was exported from:
 * same numbers on synthetic inputs (fixtures written by models/export_tfjs.py), and the right label order
 * on real FER-2013 PublicTest faces read from ../shared at test time (never copied into the repo).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../lib/mood/emotions';
import { FER2013_CSV, loadEmotionModel, predict, readFerRows, useBackend, type ModelFiles } from './load-model';

interface ParityCase {
  name: string;
  pixels: number[];
  probabilities: number[];
}

interface ParityFixtures {
  emotions: string[];
  weights_file: string;
  weights_sha256: string;
  tolerance: number;
  source: Record<string, unknown>;
  cases: ParityCase[];
}

// Overridable to check another export, e.g. `export-model --run models/runs/seed --out /tmp/seed`:
// EMOTION_MODEL_DIR=/tmp/seed EMOTION_PARITY=/tmp/seed/parity.json npx vitest run --project model
const MODEL_DIR_OVERRIDE = process.env.EMOTION_MODEL_DIR;
const FIXTURES = JSON.parse(
  readFileSync(process.env.EMOTION_PARITY ?? join(import.meta.dirname, 'fixtures', 'parity.json'), 'utf8'),
) as ParityFixtures;

let model: tf.LayersModel;
let files: ModelFiles;

beforeAll(async () => {
  await useBackend('cpu');
  ({ model, files } = await loadEmotionModel(MODEL_DIR_OVERRIDE));
});

afterAll(() => model?.dispose());

describe('exported emotion model', () => {
  it('has the contract shapes: [null,48,48,1] -> [null,7]', () => {
    expect(model.inputs).toHaveLength(1);
    expect(model.inputs[0]!.shape).toEqual([null, 48, 48, 1]);
    expect(model.outputs[0]!.shape).toEqual([null, EMOTIONS.length]);
  });

  it('fixtures were generated from these exact weights', () => {
    const actual = files.sha256[FIXTURES.weights_file];
    expect(actual, `weights file ${FIXTURES.weights_file} is not in model.json's manifest`).toBeDefined();
    expect(
      actual,
      'tests/model/fixtures/parity.json does not match public/models/emotion: re-run `npm run export-model` ' +
        '(it rewrites both together)',
    ).toBe(FIXTURES.weights_sha256);
    expect(FIXTURES.emotions).toEqual([...EMOTIONS]);
  });

  it('matches the PyTorch softmax on the synthetic fixtures', async () => {
    const probs = await predict(
      model,
      FIXTURES.cases.map((c) => c.pixels),
    );
    expect(probs).toHaveLength(FIXTURES.cases.length);
    let worst = 0;
    let worstCase = '';
    probs.forEach((row, i) => {
      expect(row).toHaveLength(EMOTIONS.length);
      const sum = row.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
      row.forEach((p, k) => {
        const diff = Math.abs(p - FIXTURES.cases[i]!.probabilities[k]!);
        if (diff > worst) [worst, worstCase] = [diff, FIXTURES.cases[i]!.name];
      });
    });
    console.log(`parity: max |tfjs - pytorch| = ${worst.toExponential(2)} (${worstCase}) over ${probs.length} inputs`);
    expect(worst).toBeLessThanOrEqual(FIXTURES.tolerance ?? 1e-4);
  });

  it('returns one probability row per input for a batch', () => {
    const out = model.predict(tf.zeros([3, 48, 48, 1])) as tf.Tensor;
    expect(out.shape).toEqual([3, EMOTIONS.length]);
    const sums = out.sum(1).dataSync();
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
    out.dispose();
  });
});

// Label order: a model exported with its outputs permuted still passes the parity test against a PyTorch
// model that is permuted the same way; real faces of a few clear classes catch that.
const ORDER_CLASSES = ['happy', 'surprise', 'neutral'] as const;
const PER_CLASS = 30;
const MIN_RECALL = 0.6;

describe.skipIf(!existsSync(FER2013_CSV))('label order on real FER-2013 PublicTest faces', () => {
  it(`predicts the true label for >= ${MIN_RECALL * 100}% of the first ${PER_CLASS} of ${ORDER_CLASSES.join(', ')}`, async () => {
    const wanted = new Map(ORDER_CLASSES.map((name) => [EMOTIONS.indexOf(name), 0]));
    const rows = await readFerRows(({ emotion, usage }) => {
      if (usage !== 'PublicTest') return false;
      const have = wanted.get(emotion);
      if (have === undefined || have >= PER_CLASS) {
        return [...wanted.values()].every((n) => n >= PER_CLASS) ? 'stop' : false;
      }
      wanted.set(emotion, have + 1);
      return true;
    });
    expect(rows).toHaveLength(ORDER_CLASSES.length * PER_CLASS);
    const probs = await predict(
      model,
      rows.map((r) => r.pixels),
    );
    const report: string[] = [];
    const recall: Record<string, number> = {};
    for (const name of ORDER_CLASSES) {
      const label = EMOTIONS.indexOf(name);
      let hit = 0;
      const predicted = new Map<string, number>();
      rows.forEach((row, i) => {
        if (row.emotion !== label) return;
        const p = probs[i]!;
        const top = p.indexOf(Math.max(...p));
        if (top === label) hit++;
        predicted.set(EMOTIONS[top]!, (predicted.get(EMOTIONS[top]!) ?? 0) + 1);
      });
      recall[name] = hit / PER_CLASS;
      report.push(`${name} ${hit}/${PER_CLASS} (predicted ${[...predicted].map(([k, v]) => `${k}:${v}`).join(' ')})`);
    }
    console.log(`label order check: ${report.join('; ')}`);
    for (const name of ORDER_CLASSES) {
      expect(recall[name], `${name} recall too low: ${report.join('; ')}`).toBeGreaterThanOrEqual(MIN_RECALL);
    }
  });
});

if (!existsSync(FER2013_CSV)) {
  console.warn(`label-order check skipped: ${FER2013_CSV} is not there (FER-2013 is never committed)`);
}
