// Where things are: the project, the build, the shared test data and the fixtures.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3');
export const TMP_DIR = path.join(ROOT, 'tests/.tmp');
export const FACES_DIR = path.resolve(ROOT, '../shared/faces');
export const SHARED_MODELS_DIR = path.resolve(ROOT, '../shared/models');
export const FIXTURES_DIR = path.join(ROOT, 'tests/fixtures');
export const HARNESS_PAGES_DIR = path.join(here, 'pages');

/** The single-face photos and what they are labelled (file name). */
export const FACE_PHOTOS = {
  angry: 'angry.jpg',
  happy: 'happy-baby.jpeg',
  neutral: 'neutral.jpeg',
  sad: 'sad-baby.jpeg',
  surprise: 'surprised.jpeg',
};
export const GROUP_PHOTO = 'group.jpeg';
