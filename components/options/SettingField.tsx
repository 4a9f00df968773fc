import { useEffect, useState } from 'preact/hooks';
import type { Setting } from '@/lib/browser/settings';

/**
 * One setting's control, generated from its declaration (select, checkbox, or a row of toggles), with the
 * notice when the stored value was unusable and the default is shown instead.
 */
export function SettingField<T>({ setting, onSaved }: { setting: Setting<T>; onSaved: (text: string) => void }) {
  const form = setting.spec.form;
  const [value, setValue] = useState<T | null>(null);
  const [corrupted, setCorrupted] = useState(false);

  useEffect(() => {
    void setting.read().then((read) => {
      setValue(read.value);
      setCorrupted(read.corrupted);
    });
    return setting.watch((next) => setValue(next));
  }, [setting]);

  if (!form) return null;
  const id = `setting-${form.testId}`;

  async function save(next: T) {
    setValue(next);
    setCorrupted(false);
    await setting.setValue(next);
    onSaved('Saved.');
  }

  return (
    <div class="field">
      {form.control === 'select' && (
        <>
          <label for={id}>{form.label}</label>
          <select
            id={id}
            data-testid={form.testId}
            disabled={value === null}
            value={String(value)}
            onChange={(e) => {
              // Option values are the settings' own values as text (outside checks select by them).
              const chosen = (e.currentTarget as HTMLSelectElement).value;
              const choice = form.choices.find((c) => String(c.value) === chosen);
              if (choice) void save(choice.value);
            }}
          >
            {/* A stored value outside the choices shows as such rather than as a wrong choice. */}
            {value !== null && !form.choices.some((c) => c.value === value) && (
              <option value={String(value)}>{String(value)}</option>
            )}
            {form.choices.map((c) => (
              <option value={String(c.value)} key={String(c.value)}>
                {c.label}
              </option>
            ))}
          </select>
        </>
      )}
      {form.control === 'checkbox' && (
        <label class="checkbox">
          <input
            type="checkbox"
            id={id}
            data-testid={form.testId}
            disabled={value === null}
            checked={value === true}
            onChange={(e) => void save((e.currentTarget as HTMLInputElement).checked as T)}
          />
          {form.label}
        </label>
      )}
      {form.control === 'toggles' && (
        <fieldset class="toggles">
          <legend>{form.label}</legend>
          {form.choices.map((choice) => {
            const record = (value ?? {}) as Record<string, boolean>;
            return (
              <label class="checkbox" key={choice.value}>
                <input
                  type="checkbox"
                  data-testid={form.testId}
                  {...{ [`data-${form.attribute}`]: choice.value }}
                  disabled={value === null}
                  checked={record[choice.value] === true}
                  onChange={(e) =>
                    void save({ ...record, [choice.value]: (e.currentTarget as HTMLInputElement).checked } as T)
                  }
                />
                {choice.label}
              </label>
            );
          })}
        </fieldset>
      )}
      {form.help && <span class="help">{form.help}</span>}
      {corrupted && (
        <span class="notice" role="status" data-testid="setting-reset-notice">
          The saved value could not be read, so the default is shown. Choose again to save it.
        </span>
      )}
    </div>
  );
}
