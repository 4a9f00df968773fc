#!/usr/bin/env python3
"""Weight interpolation between the model a fine-tune started from and the fine-tuned one (WiSE-FT:
Wortsman et al., 2022, "Robust fine-tuning of zero-shot models").

A network fine-tuned from another stays linearly connected to it: every point on the straight line between
their weights (BatchNorm statistics included) is a working network of the same size and speed. Training on
FER+ votes moves the reading toward what ten annotators agree on and away from FER-2013's single labels; the
line between the two trades one for the other, usually better than either end on both. This sweeps the line
on PublicTest, prints each point's figures, and with --write saves the chosen point as a run (best.pt) that
`npm run evaluate` and `npm run export-model` take like any other.

--neutral-bias B adds B to the neutral logit of the written point (in the classifier's last bias, so the
exported model is unchanged in size and speed): the neutral prior times e^B. Trained against FER-2013's own
labels too (--mix-original), the network keeps part of their lean from neutral towards sad and fear; the bias
is chosen on PublicTest, like the checkpoint, and PrivateTest stays withheld.

  npm run interpolate -- --start public/models/emotion/model.json --tuned models/runs/moodnet-deep-ferplus \\
      --write 1 --neutral-bias 0.2 --out models/runs/moodnet-deep-ferplus-final
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fer.data import DataError, load_cached, read_ferplus_votes  # noqa: E402
from evaluate import DEFAULT_DATA, DEFAULT_FERPLUS, ferplus_scores  # noqa: E402
from fer import EMOTIONS  # noqa: E402
from fer.import_tfjs import load_tfjs  # noqa: E402
from fer.runs import load_best  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NEUTRAL = EMOTIONS.index("neutral")


def with_neutral_bias(state: dict, bias: float) -> dict:
    """A copy of `state` whose classifier adds `bias` to the neutral logit (its last layer's bias)."""
    out = {k: v.clone() for k, v in state.items()}
    key = [k for k in out if k.endswith(".bias") and out[k].dim() == 1][-1]
    if out[key].shape[0] != 7:
        raise ValueError(f"{key} has {out[key].shape[0]} outputs, not the seven emotions")
    out[key][NEUTRAL] += bias
    return out


def interpolated(start: dict, tuned: dict, weight: float) -> dict:
    """(1 - weight) * start + weight * tuned for every floating tensor; integer buffers from `tuned`."""
    return {k: (start[k] * (1 - weight) + v * weight) if v.dtype.is_floating_point else v.clone()
            for k, v in tuned.items()}


@torch.no_grad()
def probabilities(model: torch.nn.Module, images: np.ndarray) -> np.ndarray:
    model.eval()
    x = torch.from_numpy(images).float().div_(255).unsqueeze(1)
    out = [torch.softmax(model(x[i:i + 512].contiguous(memory_format=torch.channels_last)), 1)
           for i in range(0, len(x), 512)]
    return torch.cat(out).numpy()


def figures(probs: np.ndarray, votes: np.ndarray, test) -> dict:
    """The sweep's columns, as `npm run evaluate` scores them (single pass)."""
    f = ferplus_scores(probs, votes, test.rows, test.labels)
    return {"clear": f["clear"]["accuracy"], "majority": f["majority"]["accuracy"],
            "neutral": f["clear_neutral_read_as"]["neutral"], "fer2013": f["fer2013_accuracy"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--start", required=True, help="what the fine-tune started from: a tfjs model.json or a run")
    p.add_argument("--tuned", required=True, help="the fine-tuned run folder (or .pt)")
    p.add_argument("--steps", type=int, default=10, help="points on the line, start and end included (+1)")
    p.add_argument("--write", type=float, default=None, metavar="W", help="save the point W (0 start, 1 tuned)")
    p.add_argument("--out", default=None, help="run folder for --write")
    p.add_argument("--neutral-bias", type=float, default=0.0, metavar="B",
                   help="add B to the neutral logit of the written point (figures printed for it too)")
    p.add_argument("--data", default=DEFAULT_DATA)
    p.add_argument("--ferplus", default=DEFAULT_FERPLUS)
    p.add_argument("--cache", default=os.path.join(HERE, ".cache"))
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    try:
        splits = load_cached(args.data, args.cache)
        votes = read_ferplus_votes(args.ferplus)
        tuned, ckpt, _ = load_best(args.tuned)
    except (DataError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    train, test = splits["Training"], splits["PublicTest"]
    if args.start.endswith(".json"):
        start = load_tfjs(args.start, ckpt["arch"], torch.from_numpy(train.images[:2048]).float().div_(255).unsqueeze(1))
    else:
        start = load_best(args.start)[0]
    a, b = start.state_dict(), tuned.state_dict()
    model = load_best(args.tuned)[0].to(memory_format=torch.channels_last)
    points = sorted({round(i / args.steps, 4) for i in range(args.steps + 1)} |
                    ({args.write} if args.write is not None else set()))
    print("weight  clear-majority  FER+ majority  clear neutral  FER-2013 labels   (PublicTest, single pass)")
    for w in points:
        model.load_state_dict(interpolated(a, b, w))
        f = figures(probabilities(model, test.images), votes, test)
        print(f"{w:6.2f}  {f['clear']:14.4f}  {f['majority']:13.4f}  {f['neutral']:13.4f}  {f['fer2013']:15.4f}",
              flush=True)
        if args.write is not None and w == args.write and args.out:
            if args.neutral_bias:
                model.load_state_dict(with_neutral_bias(model.state_dict(), args.neutral_bias))
                f = figures(probabilities(model, test.images), votes, test)
                print(f"{w:6.2f}  {f['clear']:14.4f}  {f['majority']:13.4f}  {f['neutral']:13.4f}  "
                      f"{f['fer2013']:15.4f}   neutral bias {args.neutral_bias:+.2f}", flush=True)
            os.makedirs(args.out, exist_ok=True)
            torch.save({"arch": ckpt["arch"], "model": {k: v.detach().cpu() for k, v in model.state_dict().items()},
                        "epoch": ckpt.get("epoch"), "val_acc": f["majority"], "labels": "ferplus",
                        "interpolation": {"start": args.start, "tuned": args.tuned, "weight": w,
                                          "neutral_bias": args.neutral_bias}},
                       os.path.join(args.out, "best.pt"))
            print(f"wrote {os.path.join(args.out, 'best.pt')} (weight {w})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
