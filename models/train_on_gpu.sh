#!/usr/bin/env bash
# Train the shipped model and its rivals on one rented GPU in a single call, all runs side by side.
# Usage (repository root; data packed first with `models/pack_data.py --pack CSV --to .devdata`, plus
# .devdata/fer2013new.csv):
#   OUT=/some/folder MINUTES=7.2 bash models/train_on_gpu.sh
# Leaves runs.tar.gz.part-* under $OUT (split under the 16 MB a returned file may weigh) and prints a summary.
set -uo pipefail
cd "$(dirname "$0")/.."
: "${OUT:?set OUT}"; MINUTES="${MINUTES:-7.2}"; HARD_STOP="${HARD_STOP:-500}"
PY="${PYTHON:-python3}"
RUNS=models/runs
mkdir -p "$RUNS" "$OUT"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
"$PY" models/pack_data.py --unpack .devdata --to .devdata/fer.npz || exit 2
common=(--data .devdata/fer.npz --ferplus .devdata/fer2013new.csv --threads 4 ${EXTRA_ARGS:-})
launch() { local name=$1; shift; mkdir -p "$RUNS/$name"
  timeout -s TERM "$HARD_STOP" "$PY" models/train.py "${common[@]}" --out "$RUNS/$name" "$@" >"$RUNS/$name/train.log" 2>&1 & }
# Early stopping on validation loss cuts a one-cycle schedule before its low-learning-rate end, where
# most of the accuracy comes: the moodnet runs go the whole planned schedule (the best epoch is still kept).
full=(--time-budget "$MINUTES" --epochs 400 --patience 10000)
launch moodnet         --arch moodnet      "${full[@]}"
launch moodnet-deep    --arch moodnet-deep "${full[@]}"
launch moodnet-deep-s7 --arch moodnet-deep "${full[@]}" --seed 7
[ -n "${SKIP_SEED:-}" ] || launch seed --arch seed --epochs 60
wait
for f in "$RUNS"/*/train.log; do echo "== $f"; grep -E "^epoch" "$f" | tail -2; grep -E "planning|early stop|best validation|Error|error" "$f" | tail -4; done
# seed's last.pt (optimizer state of a 4.9 M-parameter net) is not worth the transfer.
tar -czf "$OUT/runs.tar.gz" --exclude "seed/last.pt" -C models runs
split -b 15m -d "$OUT/runs.tar.gz" "$OUT/runs.tar.gz.part-" && rm "$OUT/runs.tar.gz"
ls -la "$OUT"
