/**
 * The popup's list of picks around a 👎: the next pick takes the hidden film's place, so the list keeps its
 * length, and Undo gives back the very list the user saw, in its order. Pure, so it is unit-tested.
 */
import type { FilmPick } from '@/lib/picks/types';

export interface HiddenPick {
  pick: FilmPick;
  /** The list as it was when 👎 was pressed. */
  before: FilmPick[];
  /** The film that took its place (null when no other film fits). */
  replacement: FilmPick | null;
}

/** The first film of `candidates` the list does not show yet (and not the hidden one). */
export function nextNewPick(list: readonly FilmPick[], hiddenId: string, candidates: readonly FilmPick[]) {
  const shown = new Set(list.map((p) => p.id));
  return candidates.find((p) => p.id !== hiddenId && !shown.has(p.id)) ?? null;
}

/** The list after 👎 on `hiddenId`: `replacement` in its place, or the film simply gone when there is none. */
export function hideInPlace(list: readonly FilmPick[], hiddenId: string, replacement: FilmPick | null): FilmPick[] {
  return list.flatMap((p) => (p.id !== hiddenId ? [p] : replacement ? [replacement] : []));
}

/**
 * The list Undo gives back: the list as it was before the 👎, then any films loaded since ("More picks"),
 * without the one that had taken the hidden film's place.
 */
export function undoHide(current: readonly FilmPick[], hidden: HiddenPick): FilmPick[] {
  const before = new Set(hidden.before.map((p) => p.id));
  const loadedSince = current.filter((p) => !before.has(p.id) && p.id !== hidden.replacement?.id);
  return [...hidden.before, ...loadedSince];
}
