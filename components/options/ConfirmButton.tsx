import { useState } from 'preact/hooks';

/**
 * A destructive action in two steps, without a modal dialog: the button asks its question in place, and
 * only "Yes" acts. `testId` names the first button; the confirmation is `${testId}-confirm`.
 */
export function ConfirmButton({
  testId,
  label,
  question,
  confirmTestId,
  confirmLabel = 'Yes, do it',
  disabled,
  onConfirm,
}: {
  testId: string;
  /** The confirmation's data-testid, when it is not `${testId}-confirm`. */
  confirmTestId?: string;
  label: string;
  question: string;
  confirmLabel?: string;
  disabled?: boolean;
  onConfirm: () => Promise<void> | void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        class="secondary-button danger"
        data-testid={testId}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span class="confirm" role="alertdialog" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        class="primary"
        data-testid={confirmTestId ?? `${testId}-confirm`}
        disabled={busy}
        onClick={() =>
          void (async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
              setAsking(false);
            }
          })()
        }
        ref={(el) => el?.focus()}
      >
        {confirmLabel}
      </button>
      <button type="button" class="secondary-button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
