/** What each strategy is called wherever the user chooses one (popup, options page). */
import type { Strategy } from './types';

export const STRATEGY_LABEL: Record<Strategy, string> = {
  match: 'Match my mood',
  lift: 'Lift my mood',
  custom: 'My own mix',
};

export const STRATEGY_HELP: Record<Strategy, string> = {
  match: 'Films in the genres that suit how you feel: comedies when happy, dramas when sad.',
  lift: 'Films chosen to improve a low mood (mood-management theory): no plain drama when sad, no horror when afraid.',
  custom: 'Your own weight for each genre and mood, edited below.',
};
