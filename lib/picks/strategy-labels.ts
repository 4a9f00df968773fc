/** What each strategy is called wherever the user chooses one (popup, options page). */
import type { Strategy } from './types';

export const STRATEGY_LABEL: Record<Strategy, string> = {
  match: 'Match my mood',
  lift: 'Lift my mood',
  custom: 'My own mix',
};
