/**
 * Turns what the browser throws into the reasons and words a user sees: a title that says what happened, and a
 * message that says why and what to do. Pure, so it is testable.
 */
import type { MoodFailure } from '../mood/types';

/** Maps a getUserMedia rejection (a DOMException name) to a reason and a sentence. */
export function cameraFailure(error: unknown): MoodFailure {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        reason: 'camera-denied',
        title: 'Camera not allowed',
        message: 'Chrome is set to block the camera for MoodReel.',
      };
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return {
        reason: 'no-camera',
        title: 'No camera found',
        message: 'No camera was found. Plug one in, or use a photo instead.',
      };
    case 'NotReadableError':
    case 'AbortError':
      return {
        reason: 'no-camera',
        title: 'Camera busy',
        message: 'The camera is busy or could not start. Close other apps using it, or use a photo instead.',
      };
    default:
      return {
        reason: 'no-camera',
        title: 'The camera could not start',
        message: `The camera could not start (${describe(error)}).`,
      };
  }
}

export function modelFailure(error: unknown): MoodFailure {
  return {
    reason: 'model-failed',
    title: 'The emotion model could not load',
    message: `The emotion model could not load (${describe(error)}). Try again, or choose another backend in Settings.`,
  };
}

/** Something failed while frames were being read: the camera (it stopped) or the pipeline (detector, model). */
export function readingFailure(error: unknown, stage: 'camera' | 'pipeline'): MoodFailure {
  if (stage === 'camera') {
    return {
      reason: 'no-camera',
      title: 'The camera stopped',
      message: `The camera stopped during the reading (${describe(error)}). Try again.`,
    };
  }
  return {
    reason: 'model-failed',
    title: 'Reading the face failed',
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
      title: 'The camera stopped sending pictures',
      message: `The camera stopped sending pictures, so the reading ended after ${limit} and the camera is off. Try again, or use a photo instead.`,
    };
  }
  return {
    reason: 'model-failed',
    title: 'The emotion model took too long',
    message: `The emotion model did not answer within ${limit}, so the reading stopped and the camera is off. Try again, or choose another backend in Settings.`,
  };
}

/** The popup that asked closed before the answer: nobody reads this, and nothing is stored. */
export const READING_CANCELLED: MoodFailure = {
  reason: 'no-camera',
  title: 'Reading cancelled',
  message: 'The reading was cancelled: the popup closed.',
};

/** A photo too small to hold a readable face (a thumbnail). */
export function photoTooSmall(width: number, height: number, minFace: number): MoodFailure {
  return {
    reason: 'no-face',
    title: 'Photo too small',
    message: `That photo is too small to read a face (${width}×${height} pixels). Use one where the face is at least ${minFace * 2} pixels wide.`,
  };
}

export const FACE_TOO_SMALL: MoodFailure = {
  reason: 'no-face',
  title: 'Face too small',
  message: 'The faces in that photo are too small to read. Use a closer photo, or move closer to the camera.',
};

export const NO_FACE: MoodFailure = {
  reason: 'no-face',
  title: 'No face found',
  message: 'No face was found. Face the camera in good light, or try another photo.',
};

export const BAD_PHOTO: MoodFailure = {
  reason: 'bad-photo',
  title: 'Not a photo we can read',
  message: 'That file could not be read as an image. Try a JPEG, PNG or WebP photo.',
};

/** The offscreen document could not be made (Chrome refused it): nothing was read. */
export function readerDidNotStart(error: unknown): MoodFailure {
  return {
    reason: 'model-failed',
    title: 'The mood reader could not start',
    message: "Chrome could not open MoodReel's reader. Try again.",
    detail: describe(error),
  };
}

/**
 * The reading was under way when the browser stopped the part doing it: the service worker (Chrome stops it
 * when it thinks it idle, or on an update) or the offscreen document. The camera ends with its document.
 */
export function readingInterrupted(error?: unknown): MoodFailure {
  return {
    reason: 'model-failed',
    title: 'The reading was interrupted',
    message: "Chrome stopped MoodReel's reader before it answered, so nothing was read or kept. Try again.",
    ...(error === undefined ? {} : { detail: describe(error) }),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * Chrome's settings page for one site, here the extension's own origin: its Camera line is where a refusal is
 * taken back. Extension pages may open chrome:// pages with tabs.create (a link to one is not followed).
 */
export function cameraSettingsUrl(extensionId: string): string {
  return `chrome://settings/content/siteDetails?site=${encodeURIComponent(`chrome-extension://${extensionId}`)}`;
}

/**
 * Whether "Try again" can help: not when the camera is refused (the settings decide), nor for a file that is no
 * photo, nor for a photo that has no readable face (the same file gives the same answer).
 */
export function canTryAgain(failure: MoodFailure, source: 'camera' | 'photo'): boolean {
  if (failure.reason === 'camera-denied' || failure.reason === 'bad-photo') return false;
  return !(source === 'photo' && failure.reason === 'no-face');
}
