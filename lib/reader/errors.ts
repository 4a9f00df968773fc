/** Turns what the browser throws into the reasons and words a user sees. Pure, so it is testable. */
import type { MoodErrorReason } from '../mood/types';

export interface MoodFailure {
  reason: MoodErrorReason;
  message: string;
}

/** Maps a getUserMedia rejection (a DOMException name) to a reason and a sentence. */
export function cameraFailure(error: unknown): MoodFailure {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return { reason: 'camera-denied', message: 'MoodReel is not allowed to use the camera.' };
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return { reason: 'no-camera', message: 'No camera was found. Plug one in, or use a photo instead.' };
    case 'NotReadableError':
    case 'AbortError':
      return {
        reason: 'no-camera',
        message: 'The camera is busy or could not start. Close other apps using it, or use a photo instead.',
      };
    default:
      return { reason: 'no-camera', message: `The camera could not start (${describe(error)}).` };
  }
}

export function modelFailure(error: unknown): MoodFailure {
  return { reason: 'model-failed', message: `The emotion model could not load (${describe(error)}).` };
}

/** Something failed while frames were being read: the camera (it stopped) or the pipeline (detector, model). */
export function readingFailure(error: unknown, stage: 'camera' | 'pipeline'): MoodFailure {
  if (stage === 'camera') {
    return { reason: 'no-camera', message: `The camera stopped during the reading (${describe(error)}). Try again.` };
  }
  return {
    reason: 'model-failed',
    message: `Reading the face failed (${describe(error)}). Try again, or choose another backend in Settings.`,
  };
}

/**
 * The reading's deadline passed: the model never finished loading, or the camera stopped sending pictures.
 * Either way the camera is already off when the user reads this.
 */
export function readingTimedOut(stage: 'camera' | 'pipeline', seconds: number): MoodFailure {
  const whole = Math.max(1, Math.round(seconds));
  const limit = whole === 1 ? 'a second' : `${whole} seconds`;
  if (stage === 'camera') {
    return {
      reason: 'no-camera',
      message: `The camera stopped sending pictures, so the reading ended after ${limit} and the camera is off. Try again, or use a photo instead.`,
    };
  }
  return {
    reason: 'model-failed',
    message: `The emotion model did not answer within ${limit}, so the reading stopped and the camera is off. Try again, or choose another backend in Settings.`,
  };
}

/** The popup that asked closed before the answer: nobody reads this, and nothing is stored. */
export const READING_CANCELLED: MoodFailure = {
  reason: 'no-camera',
  message: 'The reading was cancelled: the popup closed.',
};

/** A photo too small to hold a readable face (a thumbnail). */
export function photoTooSmall(width: number, height: number, minFace: number): MoodFailure {
  return {
    reason: 'no-face',
    message: `That photo is too small to read a face (${width}×${height} pixels). Use one where the face is at least ${minFace * 2} pixels wide.`,
  };
}

export const FACE_TOO_SMALL: MoodFailure = {
  reason: 'no-face',
  message: 'The faces in that photo are too small to read. Use a closer photo, or move closer to the camera.',
};

export const NO_FACE: MoodFailure = {
  reason: 'no-face',
  message: 'No face was found. Face the camera in good light, or try another photo.',
};

export const BAD_PHOTO: MoodFailure = {
  reason: 'bad-photo',
  message: 'That file could not be read as an image. Try a JPEG, PNG or WebP photo.',
};

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
