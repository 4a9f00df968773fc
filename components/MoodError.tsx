import type { MoodErrorReason } from '@/lib/mood/types';

const TITLE: Record<MoodErrorReason, string> = {
  'camera-denied': 'Camera not allowed',
  'no-camera': 'No camera',
  'no-face': 'No face found',
  'model-failed': 'The mood reader failed',
  'bad-photo': 'Not a photo we can read',
};

/** What went wrong, in words, with what the user can do next. */
export function MoodError({
  reason,
  message,
  extensionId,
}: {
  reason: MoodErrorReason;
  message: string;
  extensionId: string;
}) {
  return (
    <section class="error" role="alert" data-testid="mood-error" data-reason={reason}>
      <h2 class="error__title">{TITLE[reason]}</h2>
      <p>{message}</p>
      {reason === 'camera-denied' && (
        <p class="help">
          To allow it again, open{' '}
          <code>chrome://settings/content/siteDetails?site=chrome-extension://{extensionId}</code> and set Camera to
          Allow, or use a photo instead.
        </p>
      )}
    </section>
  );
}
