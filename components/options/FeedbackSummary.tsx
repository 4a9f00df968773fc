import { useEffect, useState } from 'preact/hooks';
import type { CatalogueService } from '@/lib/browser/catalogue-service';
import { nudgeLines, nudgesFrom, type NudgeLine } from '@/lib/picks/feedback';
import { ConfirmButton } from './ConfirmButton';

/** What the user's 👍/👎 have taught MoodReel (the genre nudges per mood), and the reset. */
export function FeedbackSummary({
  catalogue,
  onChange,
}: {
  catalogue: CatalogueService;
  onChange: (text: string) => void;
}) {
  const [lines, setLines] = useState<NudgeLine[] | null>(null);
  const [votes, setVotes] = useState(0);

  async function refresh() {
    const snapshot = await catalogue.snapshot();
    setVotes(snapshot.feedback.length);
    setLines(nudgeLines(nudgesFrom(snapshot.feedback, (id) => snapshot.byId.get(id)?.genres)));
  }
  useEffect(() => {
    void refresh().catch(() => setLines([]));
  }, []);

  return (
    <div class="field" data-testid="feedback-summary">
      <label>What your 👍/👎 changed</label>
      {lines === null ? (
        <span class="help">…</span>
      ) : lines.length === 0 ? (
        <span class="help">Nothing yet: a 👍 or 👎 on a pick nudges that genre for that mood, a little at a time.</span>
      ) : (
        <ul class="help nudges">
          {lines.map((line) => (
            <li key={line.emotion} data-testid="nudge" data-emotion={line.emotion}>
              {line.text}
            </li>
          ))}
        </ul>
      )}
      <div class="actions wrap">
        <ConfirmButton
          testId="reset-feedback"
          label="Reset my feedback"
          question={`Forget all ${votes} 👍/👎 (hidden films come back, the nudges go)?`}
          disabled={votes === 0}
          onConfirm={async () => {
            await catalogue.repository.resetFeedback();
            await refresh();
            onChange('Your feedback was reset.');
          }}
        />
      </div>
    </div>
  );
}
