import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/browser/messages';
import type { BackendSpeed } from '@/lib/mood/types';

const NAME = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'Plain JavaScript' } as const;

/** "Test speed": loads the model on every backend on this computer and shows what each one costs. */
export function BackendSpeedTest() {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'running' }
    | { kind: 'done'; results: BackendSpeed[] }
    | { kind: 'failed'; message: string }
  >({
    kind: 'idle',
  });
  const fastest =
    state.kind === 'done'
      ? [...state.results].filter((r) => r.available).sort((a, b) => a.msPerFace! - b.msPerFace!)[0]
      : undefined;
  return (
    <div class="field">
      <div class="actions">
        <button
          type="button"
          class="secondary-button"
          data-testid="backend-test"
          disabled={state.kind === 'running'}
          onClick={() =>
            void (async () => {
              setState({ kind: 'running' });
              try {
                setState({ kind: 'done', results: await sendMessage('test-backends', null) });
              } catch (error) {
                setState({ kind: 'failed', message: String(error) });
              }
            })()
          }
        >
          {state.kind === 'running' ? 'Measuring each backend…' : 'Test speed on this computer'}
        </button>
      </div>
      {state.kind === 'failed' && (
        <p class="error" role="alert">
          The speed test failed ({state.message}).
        </p>
      )}
      {state.kind === 'done' && (
        <table class="speed" aria-label="Speed of each backend on this computer">
          <thead>
            <tr>
              <th scope="col">Backend</th>
              <th scope="col">Model load</th>
              <th scope="col">Per face</th>
            </tr>
          </thead>
          <tbody>
            {state.results.map((r) => (
              <tr
                key={r.backend}
                data-testid="backend-result"
                data-backend={r.backend}
                data-ms={r.available ? String(r.msPerFace) : ''}
              >
                <th scope="row">
                  {NAME[r.backend]}
                  {r === fastest && ' (fastest)'}
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
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
