/** The latest reading, kept in extension storage for the popup, the badge and the content scripts. */
import { storage } from 'wxt/utils/storage';
import type { MoodReading } from '../mood/types';

export const latestReading = storage.defineItem<MoodReading | null>('local:latestReading', { fallback: null });
