/** Turns what the browser throws into the reasons and words a user sees. Pure, so it is testable. */
import type { MoodErrorReason } from './messages';

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
