import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/browser/messages';
import type { Backend, BackendSpeed } from '@/lib/mood/types';
import { MEASURED_BACKENDS } from '@/lib/reader/backend-speed';

const NAME = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'Plain JavaScript' } as const;

type Run =
  | { kind: 'idle' }
  /** `results`: the backends measured so far, in order; the next one in MEASURED_BACKENDS is being measured. */
  | { kind: 'running'; results: BackendSpeed[] }
  | { kind: 'done'; results: BackendSpeed[] }
  | { kind: 'failed'; results: BackendSpeed[]; message: string };

/**
 * "Test speed": loads the model on every backend on this computer, one message per backend, and shows each
 * result as it comes (which backend is being measured, which are done, which wait).
 */
export function BackendSpeedTest() {
  const [run, setRun] = useState<Run>({ kind: 'idle' });

  async function start() {
    const results: BackendSpeed[] = [];
    setRun({ kind: 'running', results });
    for (const [i, backend] of MEASURED_BACKENDS.entries()) {
      try {
        results.push(await sendMessage('test-backends', { backend, last: i === MEASURED_BACKENDS.length - 1 }));
      } catch (error) {
        setRun({ kind: 'failed', results: [...results], message: `${NAME[backend]}: ${String(error)}` });
        return;
      }
      setRun({ kind: i === MEASURED_BACKENDS.length - 1 ? 'done' : 'running', results: [...results] });
    }
  }

  const results = run.kind === 'idle' ? [] : run.results;
  const fastest = results.filter((r) => r.available).sort((a, b) => a.msPerFace! - b.msPerFace!)[0];
  const measuring = run.kind === 'running' ? MEASURED_BACKENDS[results.length] : undefined;
  return (
    <div class="field">
      <div class="actions">
        <button
          type="button"
          class="secondary-button"
          data-testid="backend-test"
          disabled={run.kind === 'running'}
          onClick={() => void start()}
        >
          {run.kind === 'running'
            ? `Measuring ${results.length + 1} of ${MEASURED_BACKENDS.length}…`
            : 'Test speed on this computer'}
        </button>
      </div>
      {run.kind === 'failed' && (
        <p class="error" role="alert">
          The speed test failed ({run.message}).
        </p>
      )}
      {run.kind !== 'idle' && (
        <table
          class="speed"
          aria-label="Speed of each backend on this computer"
          aria-busy={run.kind === 'running'}
          data-testid="backend-speeds"
          data-state={run.kind}
        >
          <thead>
            <tr>
              <th scope="col">Backend</th>
              <th scope="col">Model load</th>
              <th scope="col">Per face</th>
            </tr>
          </thead>
          <tbody>
            {MEASURED_BACKENDS.map((backend) => {
              const result = results.find((r) => r.backend === backend);
              return result ? (
                <ResultRow
                  key={backend}
                  result={result}
                  fastest={result === fastest && run.kind === 'done'}
                  // The measured rows keep their old hook once every backend is in (checks count all four).
                  testId={run.kind === 'done' ? 'backend-result' : 'backend-progress'}
                />
              ) : (
                <PendingRow key={backend} backend={backend} measuring={backend === measuring} />
              );
            })}
          </tbody>
        </table>
      )}
      {run.kind === 'running' && (
        <p class="status" role="status" data-testid="backend-progress-status">
          <span class="spinner" aria-hidden="true" />
          Measuring {NAME[measuring!]} ({results.length + 1} of {MEASURED_BACKENDS.length}); each can take up to a
          minute.
        </p>
      )}
    </div>
  );
}

function ResultRow({ result: r, fastest, testId }: { result: BackendSpeed; fastest: boolean; testId: string }) {
  return (
    <tr
      data-testid={testId}
      data-backend={r.backend}
      data-state="done"
      data-ms={r.available ? String(r.msPerFace) : ''}
    >
      <th scope="row">
        {NAME[r.backend]}
        {fastest && ' (fastest)'}
      </th>
      {r.available ? (
        <>
          <td>{r.loadMs} ms</td>
          <td>{r.msPerFace} ms</td>
        </>
      ) : (
        <td colSpan={2} class="muted">
          Not available here{r.error ? `: ${r.error.slice(0, 120)}` : ''}
        </td>
      )}
    </tr>
  );
}

function PendingRow({ backend, measuring }: { backend: Backend; measuring: boolean }) {
  return (
    <tr data-testid="backend-progress" data-backend={backend} data-state={measuring ? 'measuring' : 'waiting'}>
      <th scope="row">{NAME[backend]}</th>
      <td colSpan={2} class="muted">
        {measuring ? 'Measuring…' : 'Waiting'}
      </td>
    </tr>
  );
}
