import { ConfirmButton } from './ConfirmButton';
import { downloadText, today } from './download';

interface ExportEraseActionsProps {
  /** What the pair acts on, as the test ids and the file name say it ("history" → history-export, history-erase). */
  name: string;
  /** How many records there are: with none, both buttons are off. */
  count: number;
  exportLabel: string;
  /** The CSV to download, made only when asked. */
  csv: () => string;
  eraseLabel: string;
  eraseQuestion: string;
  /** Erases the records; the pair's owner reloads and says so. */
  onErase: () => Promise<void>;
}

/** An "Export … as CSV" button and its "Erase …" confirmation, as every data section of the options has them. */
export function ExportEraseActions(props: ExportEraseActionsProps) {
  const empty = props.count === 0;
  return (
    <div class="actions wrap">
      <button
        type="button"
        class="secondary-button"
        data-testid={`${props.name}-export`}
        disabled={empty}
        onClick={() => downloadText(`moodreel-${props.name}-${today()}.csv`, props.csv(), 'text/csv')}
      >
        {props.exportLabel}
      </button>
      <ConfirmButton
        testId={`${props.name}-erase`}
        label={props.eraseLabel}
        question={props.eraseQuestion}
        disabled={empty}
        onConfirm={props.onErase}
      />
    </div>
  );
}
