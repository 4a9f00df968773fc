/**
 * The reader's loaded parts, shared by every reading in the offscreen document: one face detector (it does
 * not depend on the backend, so it is loaded once and kept) and one emotion model per backend setting.
 * Pure over its loaders, so the rules are unit-tested:
 * - concurrent requests for the same setting share one load;
 * - a new setting replaces the model exactly once: the replaced one is disposed once, after its own load
 *   settled and before the new one loads (tfjs's backend is global, so two loads must never interleave);
 * - a failed load is forgotten, so the next request tries again.
 */
import type { BackendSetting } from '../mood/types';

export interface PipelineLoaders<Detector, Model> {
  loadDetector(): Promise<Detector>;
  loadModel(setting: BackendSetting): Promise<Model>;
  disposeModel(model: Model): void;
}

export interface Pipeline<Detector, Model> {
  detector: Detector;
  model: Model;
  setting: BackendSetting;
}

export interface PipelineCache<Detector, Model> {
  /** The detector and the model for `setting`, loading what is missing. */
  get(setting: BackendSetting): Promise<Pipeline<Detector, Model>>;
}

export function createPipelineCache<Detector, Model>(
  loaders: PipelineLoaders<Detector, Model>,
): PipelineCache<Detector, Model> {
  let detector: Promise<Detector> | null = null;
  let current: { setting: BackendSetting; model: Promise<Model> } | null = null;

  function getDetector(): Promise<Detector> {
    if (!detector) {
      const loading = loaders.loadDetector();
      detector = loading;
      loading.catch(() => {
        if (detector === loading) detector = null;
      });
    }
    return detector;
  }

  function getModel(setting: BackendSetting): Promise<Model> {
    if (current && current.setting === setting) return current.model;
    const replaced = current?.model ?? null;
    const loading = (async () => {
      if (replaced) {
        const old = await replaced.catch(() => null);
        if (old !== null) loaders.disposeModel(old);
      }
      return loaders.loadModel(setting);
    })();
    const entry = { setting, model: loading };
    current = entry;
    loading.catch(() => {
      if (current === entry) current = null;
    });
    return loading;
  }

  return {
    async get(setting) {
      const [d, m] = await Promise.all([getDetector(), getModel(setting)]);
      return { detector: d, model: m, setting };
    },
  };
}
