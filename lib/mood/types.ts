/** The reader's domain types, shared by the reader, the picks, the sites and the UI (no messaging here). */
import type { Emotion } from './emotions';

/** A tfjs backend the emotion model can run on. */
export type Backend = 'webgpu' | 'wasm' | 'webgl' | 'cpu';
/** What the user chose: a backend, or the fastest that works. */
export type BackendSetting = Backend | 'auto';

/** How long a camera reading looks, as the user chose it (quick, normal, steady). */
export type ReadingLength = 'quick' | 'normal' | 'steady';

/** Why a reading gave no mood. */
type MoodErrorReason = 'camera-denied' | 'no-camera' | 'no-face' | 'model-failed' | 'bad-photo';

/** One reading: numbers only, never an image. A mood read from a face, or one the user chose. */
export type MoodReading = FaceReading | ChosenReading;

/** What every reading has, read or chosen. */
interface ReadingCommon {
  emotion: Emotion;
  /** Seven probabilities in EMOTIONS order, summing to 1. */
  probabilities: number[];
  /** Most faces seen in one frame; the largest is read (1 for a chosen mood). */
  faces: number;
  /** Epoch milliseconds. */
  at: number;
  /**
   * Movie night: each person read, left to right (no image, no position, nothing that identifies anyone).
   * Absent for a single reading and a chosen mood; `emotion`/`probabilities` are then the group's mood and
   * `faces` its size.
   */
  people?: PersonMood[];
}

/** A mood read from a face, by the camera or in a photo. */
export interface FaceReading extends ReadingCommon {
  source: 'camera' | 'photo';
  backend: Backend;
  /** Median milliseconds of one face through the CNN. */
  cnnMs: number;
  /** Median milliseconds of one face detection (frames that detected). */
  detectMs: number;
  /** Mean milliseconds a frame took through the pipeline (detection when it ran, crop, CNN). */
  frameMs?: number;
  /** From the request to the answer, camera start included. */
  totalMs: number;
  /** Frames that contributed (camera) or 1 (photo). */
  frames: number;
  /** Backends that failed to load before `backend` was used, with why (empty when the first one worked). */
  failedBackends?: { backend: Backend; error: string }[];
  /**
   * Corrected relative to the user's resting face (lib/mood/calibration.ts): `probabilities` (and each
   * person's) are the corrected ones, `uncalibrated` what the model read.
   */
  calibrated?: boolean;
  uncalibrated?: number[];
}

/** A mood the user chose in the popup: probability 1 on it. */
export interface ChosenReading extends ReadingCommon {
  source: 'chosen';
  people?: undefined;
  /** The reading this choice corrected ("Not right? I feel…"), when it replaced one. */
  corrects?: CorrectedReading;
}

/** What a correction replaced: the reading as it was shown, and what the model read before any calibration. */
export interface CorrectedReading {
  emotion: Emotion;
  probabilities: number[];
  /** The model's own numbers for a calibrated single reading (absent otherwise: then `probabilities` are). */
  uncalibrated?: number[];
  source: FaceReading['source'];
  /** People read (1 for a single reading). */
  faces: number;
  at: number;
}

/** One person of a group reading. */
export interface PersonMood {
  emotion: Emotion;
  probabilities: number[];
}

/**
 * Why a reading gave no mood, in words: `title` says what happened, `message` why and what to do, `detail` (when
 * there is one) the browser's own words, shown small.
 */
export interface MoodFailure {
  reason: MoodErrorReason;
  title: string;
  message: string;
  detail?: string;
}

export type ReadOutcome = { ok: true; reading: FaceReading } | ({ ok: false } & MoodFailure);

export type ReadRequest =
  | {
      source: 'camera';
      backend?: BackendSetting;
      /** How long to look (the options page's reading length); normal when absent. */
      length?: ReadingLength;
      /** Movie night: read every face (up to eight), not only the largest. */
      group?: boolean;
    }
  | {
      source: 'photo';
      /** The photo as a data: URL (runtime messages are JSON, so no Blob). */
      dataUrl: string;
      backend?: BackendSetting;
      group?: boolean;
    };

/** One backend measured on this computer by the options page's speed test. */
export interface BackendSpeed {
  backend: Backend;
  /** False when this browser cannot run the model on it (then `error` says why). */
  available: boolean;
  /** From asking to a warmed-up model. */
  loadMs?: number;
  /** Median milliseconds of one face through the model. */
  msPerFace?: number;
  error?: string;
}
