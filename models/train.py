#!/usr/bin/env python3
"""Train MoodReel's emotion CNN on FER-2013 (Training rows; PublicTest picks the best epoch).

Resumes from <out>/last.pt when it exists, so an interrupted run (Ctrl-C, a killed job) goes on where
it stopped. `--time-budget MIN` sizes the schedule so the whole run fits the budget on this machine.
"""
from __future__ import annotations

import argparse
import copy
import json
import math
import os
import random
import signal
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fer import EMOTIONS  # noqa: E402
from fer.augment import augment  # noqa: E402
from fer.data import DataError, load_cached, load_pack, non_face_mask, read_ferplus_votes  # noqa: E402
from fer.ferplus import CLEAR_VOTES, majority_labels, vote_distributions  # noqa: E402
from fer.import_tfjs import TfjsImportError, load_tfjs  # noqa: E402
from fer.nets import build, count_parameters  # noqa: E402
from fer.runs import load_checkpoint_file  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "shared", "data", "fer2013", "fer2013.csv.gz")
DEFAULT_FERPLUS = os.path.join(HERE, "..", "..", "shared", "data", "fer2013", "fer2013new.csv")

# Each architecture's own recipe; flags override.
RECIPES = {
    "seed": dict(optimizer="rmsprop", lr=1e-4, batch_size=64, augment=False, label_smoothing=0.0,
                 class_weight_power=0.0, schedule="constant", weight_decay=0.0, patience=10, ema=0.0),
    "moodnet": dict(optimizer="sgd", lr=0.05, batch_size=128, augment=True, label_smoothing=0.1,
                    class_weight_power=0.3, schedule="onecycle", weight_decay=5e-4, patience=15, ema=0.999),
}
RECIPES["moodnet-deep"] = dict(RECIPES["moodnet"])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=DEFAULT_DATA,
                   help="fer2013.csv or .csv.gz (Kaggle format), or an .npz pack made by fer.data.save_pack")
    p.add_argument("--ferplus", default=None, help="fer2013new.csv: skip rows FER+ marks as not a face (and, with "
                   "--labels ferplus, the votes to train on; default ../shared/data/fer2013/fer2013new.csv)")
    p.add_argument("--labels", default="fer2013", choices=("fer2013", "ferplus"),
                   help="train on FER-2013's one label per face, or on FER+'s ten votes as a distribution over the "
                        "seven emotions (validation then scores the FER+ majority)")
    p.add_argument("--mix-original", type=float, default=0.0, metavar="A",
                   help="with --labels ferplus: target = (1-A) votes + A one-hot FER-2013 label")
    p.add_argument("--init", default=None, metavar="MODEL",
                   help="start from these weights: an exported tfjs model.json (ours) or a .pt checkpoint "
                        "(fine-tuning; ignored when resuming)")
    p.add_argument("--class-weight-power", type=float, help="class weight = (1/frequency)^power (0 = none)")
    p.add_argument("--label-smoothing", type=float, help="mix the target with this much of the uniform distribution")
    p.add_argument("--arch", default="moodnet", choices=sorted(RECIPES))
    p.add_argument("--out", default=None, help="run folder (default models/runs/<arch>)")
    p.add_argument("--epochs", type=int, default=60, help="most epochs to run")
    p.add_argument("--time-budget", type=float, default=None, metavar="MIN",
                   help="fit the schedule into this many minutes (measured on the first batches)")
    p.add_argument("--batch-size", type=int)
    p.add_argument("--lr", type=float, help="peak learning rate")
    p.add_argument("--patience", type=int, help="stop after this many epochs without a lower validation loss")
    p.add_argument("--min-delta", type=float, default=1e-4, help="smallest validation-loss drop that counts")
    p.add_argument("--limit", type=int, default=None, help="use only the first N rows of each split (smoke runs)")
    p.add_argument("--ema", type=float, help="also keep an exponential moving average of the weights with this "
                   "decay (0 = off); each epoch the better of the two on PublicTest is the one checkpointed")
    p.add_argument("--device", default="auto", help="cpu, cuda, or auto (cuda when there is one)")
    p.add_argument("--amp", action=argparse.BooleanOptionalAction, default=True,
                   help="bfloat16 autocast on CUDA (ignored on CPU)")
    p.add_argument("--seed", type=int, default=2013)
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--fresh", action="store_true", help="ignore an existing checkpoint and start over")
    p.add_argument("--cache", default=os.path.join(HERE, ".cache"))
    args = p.parse_args(argv)
    for key, value in RECIPES[args.arch].items():
        if getattr(args, key, None) is None:
            setattr(args, key, value)
    args.out = args.out or os.path.join(HERE, "runs", args.arch)
    return args


def lr_at(step: int, total: int, peak: float, schedule: str) -> float:
    if schedule == "constant":
        return peak
    warm = max(1, int(0.2 * total))
    if step < warm:  # linear warm-up from peak/20
        return peak * (0.05 + 0.95 * step / warm)
    progress = min(1.0, (step - warm) / max(1, total - warm))
    return peak * (0.0005 + 0.9995 * 0.5 * (1 + math.cos(math.pi * progress)))


def make_optimizer(args: argparse.Namespace, model: torch.nn.Module) -> torch.optim.Optimizer:
    decay = [p for n, p in model.named_parameters() if p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1]
    groups = [{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    if args.optimizer == "sgd":
        return torch.optim.SGD(groups, lr=args.lr, momentum=0.9, nesterov=True)
    return torch.optim.RMSprop(groups, lr=args.lr)


def to_input(images: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(images).float().div_(255).unsqueeze(1)


class WeightAverage:
    """An exponential moving average of every floating tensor in a model's state (BatchNorm statistics too)."""

    def __init__(self, model: torch.nn.Module, decay: float) -> None:
        self.decay = decay
        self.model = copy.deepcopy(model).eval()
        for p in self.model.parameters():
            p.requires_grad_(False)
        # state_dict() tensors share storage with the live parameters and buffers (load_state_dict copies into
        # them in place), so the pairs are collected once rather than on every step.
        mine, theirs = self.model.state_dict(), model.state_dict()
        keys = [k for k in mine if mine[k].dtype.is_floating_point]
        self._averaged = [mine[k] for k in keys]
        self._followed = [theirs[k].detach() for k in keys]

    @torch.no_grad()
    def update(self, step: int) -> None:
        # Ramp the decay up so the average is not dominated by the random initial weights.
        decay = min(self.decay, (1 + step) / (10 + step))
        torch._foreach_mul_(self._averaged, decay)
        torch._foreach_add_(self._averaged, self._followed, alpha=1 - decay)


def pick_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def one_hot(labels: np.ndarray) -> np.ndarray:
    return np.eye(len(EMOTIONS), dtype=np.float32)[labels]


def targets_for(args: argparse.Namespace, train, val, votes: np.ndarray | None):
    """What each face is trained toward and scored against.

    Returns (train targets [N,7], validation targets [M,7], validation labels [M] (-1: no label, not scored),
    extra validation label sets by name). With FER-2013 labels both are one-hot; with FER+ the targets are
    the vote distributions (training rows with no vote on the seven are dropped here, in place) and
    validation accuracy is on the FER+ majority, with the clear-majority faces and FER-2013's own labels
    also reported.
    """
    if args.labels != "ferplus":
        return one_hot(train.labels), one_hot(val.labels), val.labels, {}
    dist, keep = vote_distributions(votes, train.rows)
    print(f"FER+ votes: dropping {int((~keep).sum())} training rows with no vote on the seven emotions", flush=True)
    train.images, train.labels, train.rows = train.images[keep], train.labels[keep], train.rows[keep]
    mix = min(1.0, max(0.0, args.mix_original))
    train_targets = ((1 - mix) * dist + mix * one_hot(train.labels)).astype(np.float32)
    val_dist, val_keep = vote_distributions(votes, val.rows)
    val_targets = np.zeros((len(val.rows), len(EMOTIONS)), dtype=np.float32)
    val_targets[val_keep] = val_dist
    extra = {"val_clear_acc": majority_labels(votes, val.rows, CLEAR_VOTES), "val_fer2013_acc": val.labels}
    return train_targets, val_targets, majority_labels(votes, val.rows), extra


def soft_cross_entropy(logits: torch.Tensor, targets: torch.Tensor, class_weights: torch.Tensor | None = None,
                       smoothing: float = 0.0) -> torch.Tensor:
    """Cross-entropy against a target distribution; each face weighed by its target's class weights."""
    k = targets.shape[1]
    smoothed = targets * (1 - smoothing) + smoothing / k
    per_face = -(smoothed * F.log_softmax(logits, dim=1)).sum(dim=1)
    if class_weights is None:
        return per_face.mean()
    face_weights = targets @ class_weights
    return (per_face * face_weights).sum() / face_weights.sum().clamp_min(1e-9)


def initial_weights(args: argparse.Namespace, x_train: torch.Tensor) -> torch.nn.Module:
    if args.init.endswith(".json"):
        calibration = x_train[:2048].cpu()  # sets the BatchNorms the export folded away
        return load_tfjs(args.init, args.arch, calibration)
    ckpt = load_checkpoint_file(args.init)
    if ckpt.get("arch", args.arch) != args.arch:
        raise TfjsImportError(f"checkpoint is {ckpt['arch']}, not {args.arch}")
    model = build(args.arch)
    model.load_state_dict(ckpt["model"])
    return model


@torch.no_grad()
def evaluate_split(model: torch.nn.Module, x: torch.Tensor, targets: np.ndarray, labels: np.ndarray,
                   extra: dict[str, np.ndarray] | None = None, batch: int = 512):
    """(loss against the targets, accuracy on the labelled faces, {name: accuracy} for the extra label sets)."""
    model.eval()
    probs = []
    for i in range(0, len(x), batch):
        xb = x[i:i + batch].contiguous(memory_format=torch.channels_last)
        probs.append(torch.softmax(model(xb).float(), dim=1).cpu())
    p = torch.cat(probs).numpy()
    scored = targets.sum(axis=1) > 0
    loss = float(-(targets[scored] * np.log(np.clip(p[scored], 1e-12, None))).sum(axis=1).mean())
    pred = p.argmax(axis=1)

    def accuracy(truth: np.ndarray) -> float:
        has = truth >= 0
        return float((pred[has] == truth[has]).mean()) if has.any() else 0.0

    return loss, accuracy(labels), {name: accuracy(truth) for name, truth in (extra or {}).items()}


def fmt_time(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def cpu_state(model: torch.nn.Module) -> dict:
    return {k: v.detach().cpu() for k, v in model.state_dict().items()}


def save_atomic(obj, path: str) -> None:
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    try:
        splits = load_pack(args.data) if args.data.endswith(".npz") else load_cached(args.data, args.cache)
        for needed in ("Training", "PublicTest"):
            if needed not in splits:
                raise DataError(f"{args.data}: no rows with Usage={needed}")
        train, val = splits["Training"], splits["PublicTest"]
        if args.labels == "ferplus" and not args.ferplus:
            args.ferplus = DEFAULT_FERPLUS
        votes = read_ferplus_votes(args.ferplus) if args.ferplus else None
        if votes is not None:
            keep = ~non_face_mask(votes, train.rows)
            print(f"FER+: skipping {int((~keep).sum())} training rows marked not-a-face", flush=True)
            train.images, train.labels, train.rows = train.images[keep], train.labels[keep], train.rows[keep]
    except (DataError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.limit:
        train.images, train.labels, train.rows = train.images[:args.limit], train.labels[:args.limit], \
            train.rows[:args.limit]
        val.images, val.labels, val.rows = val.images[:args.limit], val.labels[:args.limit], val.rows[:args.limit]
    train_targets, val_targets, val_labels, val_extra = targets_for(args, train, val, votes)

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    device = pick_device(args.device)
    use_amp = args.amp and device.type == "cuda"
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
    # The whole split fits on any GPU (28k x 48 x 48 floats = 0.26 GB): no loader, no host round trips.
    x_train, t_train = to_input(train.images).to(device), torch.from_numpy(train_targets).to(device)
    x_val = to_input(val.images).to(device)
    counts = train_targets.sum(axis=0).astype(np.float64)
    weights = (counts.sum() / np.maximum(counts, 1e-9)) ** args.class_weight_power
    weights = torch.tensor(weights / (weights * counts).sum() * counts.sum(), dtype=torch.float32).to(device)

    model = build(args.arch).to(device).to(memory_format=torch.channels_last)
    optimizer = make_optimizer(args, model)
    average = WeightAverage(model, args.ema) if args.ema else None
    steps_per_epoch = math.ceil(len(x_train) / args.batch_size)
    state = {"epoch": 0, "step": 0, "planned_epochs": None, "best_acc": -1.0, "best_loss": float("inf"),
             "stale": 0, "history": [], "elapsed": 0.0}
    last_path, best_path = os.path.join(args.out, "last.pt"), os.path.join(args.out, "best.pt")
    if os.path.exists(last_path) and not args.fresh:
        ckpt = load_checkpoint_file(last_path)
        model.load_state_dict(ckpt["model"])
        optimizer.load_state_dict(ckpt["optimizer"])
        if average is not None and ckpt.get("average"):
            average.model.load_state_dict(ckpt["average"])
        state = ckpt["state"]
        torch.set_rng_state(ckpt["torch_rng"])
        print(f"resuming from epoch {state['epoch']} of {args.out}", flush=True)
        if state.get("finished"):
            print("this run already finished; pass --fresh to start over", flush=True)
            return 0
    elif args.init:
        try:
            model.load_state_dict(initial_weights(args, x_train).state_dict())
        except (TfjsImportError, FileNotFoundError, KeyError, RuntimeError) as err:
            print(f"error: --init {args.init}: {err}", file=sys.stderr)
            return 2
        if average is not None:
            average = WeightAverage(model, args.ema)
        print(f"starting from {args.init}", flush=True)
    generator = torch.Generator(device=device)

    print(f"{args.arch}: {count_parameters(model):,} parameters, {len(x_train)} training / {len(x_val)} "
          f"validation faces, batch {args.batch_size}, {args.optimizer} lr {args.lr}, "
          f"{device.type}{' bf16' if use_amp else ''}{f', weight average {args.ema:g}' if average else ''}, "
          f"threads {args.threads}",
          flush=True)

    interrupted = {"flag": False}

    def on_signal(signum, _frame):
        interrupted["flag"] = True
        print(f"\nsignal {signum}: finishing this batch, saving, stopping", flush=True)

    old_int = signal.signal(signal.SIGINT, on_signal)
    old_term = signal.signal(signal.SIGTERM, on_signal)
    try:
        while True:
            planned = state["planned_epochs"] or args.epochs
            if state["epoch"] >= min(planned, args.epochs):
                break
            epoch_start = time.time()
            generator.manual_seed(args.seed + state["epoch"])  # same batches after a resume
            model.train()
            order = torch.randperm(len(x_train), generator=generator, device=device)
            seen, loss_sum, correct = 0, 0.0, 0
            for b in range(steps_per_epoch):
                idx = order[b * args.batch_size:(b + 1) * args.batch_size]
                xb, tb = x_train[idx], t_train[idx]
                if args.augment:
                    xb = augment(xb, generator)
                xb = xb.contiguous(memory_format=torch.channels_last)
                total_steps = (state["planned_epochs"] or args.epochs) * steps_per_epoch
                for group in optimizer.param_groups:
                    group["lr"] = lr_at(state["step"], total_steps, args.lr, args.schedule)
                with torch.autocast(device.type, dtype=torch.bfloat16, enabled=use_amp):
                    logits = model(xb)
                loss = soft_cross_entropy(logits.float(), tb, weights, args.label_smoothing)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                if average is not None:
                    average.update(state["step"])
                state["step"] += 1
                seen += len(idx)
                loss_sum += loss.item() * len(idx)
                correct += (logits.argmax(1) == tb.argmax(1)).sum().item()
                # Size the schedule from measured speed once, early, and keep it (it is checkpointed).
                # Timed from batch 10 on, past the one-off start-up costs (cuDNN autotuning, allocator).
                if b == min(9, steps_per_epoch - 1):
                    timing_start, timing_from = time.time(), b + 1
                if state["planned_epochs"] is None and args.time_budget and b == min(39, steps_per_epoch - 1):
                    per_step = (time.time() - timing_start) / max(1, b + 1 - timing_from) if b + 1 > timing_from \
                        else (time.time() - epoch_start) / (b + 1)
                    epoch_cost = per_step * steps_per_epoch * 1.06  # + validation
                    fit = int((args.time_budget * 60 - state["elapsed"]) / epoch_cost)
                    state["planned_epochs"] = max(1, min(args.epochs, fit))
                    print(f"time budget {args.time_budget:g} min: planning {state['planned_epochs']} epochs "
                          f"(~{epoch_cost / 60:.1f} min each)", flush=True)
                if interrupted["flag"]:
                    break
            if interrupted["flag"]:
                break  # the partial epoch is dropped; last.pt still holds the previous one
            if state["planned_epochs"] is None:
                state["planned_epochs"] = args.epochs
            val_loss, val_acc, extra = evaluate_split(model, x_val, val_targets, val_labels, val_extra)
            kept, kept_model = "raw", model
            if average is not None:
                avg_loss, avg_acc, avg_extra = evaluate_split(average.model, x_val, val_targets, val_labels, val_extra)
                if avg_acc >= val_acc:
                    val_loss, val_acc, extra, kept, kept_model = avg_loss, avg_acc, avg_extra, "average", \
                        average.model
            state["epoch"] += 1
            took = time.time() - epoch_start
            state["elapsed"] += took
            left = min(state["planned_epochs"], args.epochs) - state["epoch"]
            record = {"epoch": state["epoch"], "train_loss": loss_sum / seen, "train_acc": correct / seen,
                      "val_loss": val_loss, "val_acc": val_acc, "seconds": took,
                      "lr": optimizer.param_groups[0]["lr"], "weights": kept, **extra}
            state["history"].append(record)
            improved_acc = val_acc > state["best_acc"]
            if improved_acc:
                state["best_acc"] = val_acc
                save_atomic({"arch": args.arch, "model": cpu_state(kept_model), "epoch": state["epoch"],
                             "val_acc": val_acc, "val_loss": val_loss, "weights": kept, "labels": args.labels,
                             **extra}, best_path)
            if val_loss < state["best_loss"] - args.min_delta:
                state["best_loss"], state["stale"] = val_loss, 0
            else:
                state["stale"] += 1
            print(f"epoch {state['epoch']:3d}/{min(state['planned_epochs'], args.epochs)}  "
                  f"loss {record['train_loss']:.4f}  acc {record['train_acc']:.4f}  "
                  f"val_loss {val_loss:.4f}  val_acc {val_acc:.4f}{' *' if improved_acc else '  '}"
                  f"{''.join(f'  {k} {v:.4f}' for k, v in extra.items())}"
                  f"{' (avg)' if kept == 'average' else ''}  "
                  f"{took:.0f}s  ETA {fmt_time(left * took)}", flush=True)
            stop = state["stale"] > args.patience
            if stop:
                print(f"early stop: validation loss has not improved for {state['stale']} epochs", flush=True)
            state["finished"] = stop or state["epoch"] >= min(state["planned_epochs"], args.epochs)
            save_atomic({"arch": args.arch, "model": cpu_state(model), "optimizer": optimizer.state_dict(),
                         "average": cpu_state(average.model) if average else None,
                         "state": state, "torch_rng": torch.get_rng_state(), "args": vars(args)}, last_path)
            with open(os.path.join(args.out, "history.json"), "w") as fh:
                json.dump({"arch": args.arch, "args": vars(args), "history": state["history"]}, fh, indent=1)
            if stop:
                break
    finally:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, old_term)
    print(f"best validation accuracy {state['best_acc']:.4f}; checkpoint {best_path}", flush=True)
    return 130 if interrupted["flag"] else 0


if __name__ == "__main__":
    sys.exit(main())
