#!/usr/bin/env python3
"""Evaluate trained checkpoints on FER-2013 PublicTest and write the model card's numbers and charts.

For each run (default: the shipped run named in fer/runs.py, plus the comparison runs that exist) it loads
best.pt and reports accuracy, macro-F1, per-class precision and recall and the confusion matrix, both for a
single pass and with horizontal-flip averaging (mean of the softmax of x and of x mirrored).

Writes to models/card/ (PNGs, metrics.json, confusion matrices as text) and rewrites the part of
models/README.md between <!-- metrics:start --> and <!-- metrics:end -->.

Charts that show FER-2013 faces (faces-*.png) are written for local inspection only: models/card/.gitignore
keeps them out of git, because FER-2013 images may not be redistributed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fer import EMOTIONS  # noqa: E402
from fer.data import DataError, load_cached, read_ferplus_votes  # noqa: E402
from fer.ferplus import CLEAR_VOTES, majority_labels  # noqa: E402
from fer.import_tfjs import load_tfjs  # noqa: E402
from fer.nets import count_parameters  # noqa: E402
from fer.runs import COMPARISON_RUNS, SHIPPED_RUN, load_best, load_checkpoint_file  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_DATA = os.path.join(HERE, "..", "..", "shared", "data", "fer2013", "fer2013.csv.gz")
DEFAULT_FERPLUS = os.path.join(HERE, "..", "..", "shared", "data", "fer2013", "fer2013new.csv")
DEFAULT_RUNS = [SHIPPED_RUN]
OPTIONAL_RUNS = COMPARISON_RUNS
START, END = "<!-- metrics:start -->", "<!-- metrics:end -->"
CARD_GITIGNORE = "# FER-2013 faces: never committed (the dataset has no licence for redistribution)\nfaces-*.png\n"
K = len(EMOTIONS)


# ---- metrics ------------------------------------------------------------------------------------------

def confusion(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """Rows: true class, columns: predicted class."""
    return np.bincount(y_true * K + y_pred, minlength=K * K).reshape(K, K)


def scores(y_true: np.ndarray, probs: np.ndarray) -> dict:
    pred = probs.argmax(1)
    cm = confusion(y_true, pred)
    tp = np.diag(cm).astype(np.float64)
    support, predicted = cm.sum(1), cm.sum(0)
    recall = np.divide(tp, support, out=np.zeros(K), where=support > 0)
    precision = np.divide(tp, predicted, out=np.zeros(K), where=predicted > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(K), where=(precision + recall) > 0)
    nll = float(-np.log(np.clip(probs[np.arange(len(y_true)), y_true], 1e-12, None)).mean())
    return {
        "accuracy": float(tp.sum() / len(y_true)),
        "macro_f1": float(f1.mean()),
        "balanced_accuracy": float(recall.mean()),
        "nll": nll,
        "per_class": {e: {"precision": float(precision[i]), "recall": float(recall[i]), "f1": float(f1[i]),
                          "support": int(support[i])} for i, e in enumerate(EMOTIONS)},
        "confusion": cm.tolist(),
    }


def ferplus_scores(probs: np.ndarray, votes: np.ndarray, rows: np.ndarray, fer_labels: np.ndarray) -> dict:
    """The figures against FER+'s ten votes: accuracy on the clear-majority faces (>= 6 of 10 votes on one of
    the seven) and on the plain majority (ties left out), each emotion's recall on the clear faces, what the
    clearly neutral faces are read as, and accuracy on FER-2013's own labels for the same faces, split into the
    faces where FER-2013's label and FER+'s majority agree (a gain there is no relabelling) and where they
    disagree (there a model can side with one truth only)."""
    pred = probs.argmax(1)
    out = {}
    for name, labels in (("clear", majority_labels(votes, rows, CLEAR_VOTES)), ("majority", majority_labels(votes, rows))):
        has = labels >= 0
        cm = confusion(labels[has], pred[has])
        support = cm.sum(1)
        recall = np.divide(np.diag(cm), support, out=np.zeros(K), where=support > 0)
        out[name] = {"faces": int(has.sum()), "accuracy": float((pred[has] == labels[has]).mean()),
                     "recall": {e: float(recall[i]) for i, e in enumerate(EMOTIONS)},
                     "support": {e: int(support[i]) for i, e in enumerate(EMOTIONS)}, "confusion": cm.tolist()}
    neutral = EMOTIONS.index("neutral")
    row = np.array(out["clear"]["confusion"][neutral], dtype=np.float64)
    out["clear_neutral_read_as"] = {e: float(row[i] / max(1, row.sum())) for i, e in enumerate(EMOTIONS)}
    out["fer2013_accuracy"] = float((pred == fer_labels).mean())
    majority = majority_labels(votes, rows)
    agreed, disputed = (majority >= 0) & (majority == fer_labels), (majority >= 0) & (majority != fer_labels)
    out["agreed"] = {"faces": int(agreed.sum()), "accuracy": float((pred[agreed] == fer_labels[agreed]).mean())}
    out["disputed"] = {"faces": int(disputed.sum()),
                       "fer2013_accuracy": float((pred[disputed] == fer_labels[disputed]).mean()),
                       "ferplus_accuracy": float((pred[disputed] == majority[disputed]).mean())}
    return out


@torch.no_grad()
def predict(model: torch.nn.Module, images: np.ndarray, batch: int = 256) -> tuple[np.ndarray, np.ndarray]:
    """Softmax for x and for x mirrored left-right; images uint8 [N,48,48]."""
    model.eval()
    plain, flipped = [], []
    for i in range(0, len(images), batch):
        x = torch.from_numpy(images[i:i + batch]).float().div_(255).unsqueeze(1)
        both = torch.cat([x, torch.flip(x, dims=[3])]).contiguous(memory_format=torch.channels_last)
        p = torch.softmax(model(both).float(), dim=1).numpy()
        plain.append(p[:len(x)])
        flipped.append(p[len(x):])
    return np.concatenate(plain), np.concatenate(flipped)


def load_tfjs_run(model_json: str, calibration: np.ndarray) -> tuple[str, torch.nn.Module, dict, None]:
    """An exported model (ours: moodnet-deep) read back from its tfjs files, e.g. an earlier shipped one."""
    with open(model_json) as fh:
        meta = json.load(fh).get("userDefinedMetadata", {})
    arch = meta.get("arch", "moodnet-deep")
    x = torch.from_numpy(calibration).float().div_(255).unsqueeze(1)
    model = load_tfjs(model_json, arch, x).eval().to(memory_format=torch.channels_last)
    name = os.path.basename(os.path.dirname(os.path.abspath(model_json)))
    info = {"checkpoint": _rel(model_json), "arch": arch, "epoch": meta.get("epoch"),
            "checkpoint_val_acc": meta.get("val_acc"), "parameters": count_parameters(model),
            "source": meta.get("checkpoint"), "labels": meta.get("labels", "fer2013")}
    return name, model, info, None


def load_run(run: str) -> tuple[str, torch.nn.Module, dict, dict | None]:
    model, ckpt, path = load_best(run)
    model = model.to(memory_format=torch.channels_last)
    folder = os.path.dirname(path)
    history = None
    hist_path = os.path.join(folder, "history.json")
    if os.path.exists(hist_path):
        try:
            with open(hist_path) as fh:
                history = json.load(fh)
        except (OSError, json.JSONDecodeError):
            history = None  # being rewritten by a live run; the curve is optional
    name = os.path.basename(os.path.normpath(folder))
    info = {"checkpoint": _rel(path), "arch": ckpt["arch"], "epoch": ckpt.get("epoch"),
            "checkpoint_val_acc": ckpt.get("val_acc"), "parameters": count_parameters(model),
            "labels": ckpt.get("labels", "fer2013"),
            "checkpoint_time": dt.datetime.fromtimestamp(os.path.getmtime(path)).isoformat(timespec="seconds")}
    if history:
        info["epochs_run"] = len(history.get("history", []))
    last_path = os.path.join(folder, "last.pt")
    if os.path.exists(last_path):
        try:
            state = load_checkpoint_file(last_path).get("state", {})
            info["planned_epochs"] = state.get("planned_epochs")
            info["run_finished"] = bool(state.get("finished"))
        except Exception:  # noqa: BLE001 - being replaced by a live run; this is only a note
            pass
    return name, model, info, history


def _rel(path: str) -> str:
    path = os.path.abspath(path)
    return os.path.relpath(path, ROOT) if path.startswith(ROOT + os.sep) else path


# ---- charts -------------------------------------------------------------------------------------------

def _plt():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def plot_confusion(cms: dict[str, np.ndarray], title: str, path: str) -> None:
    plt = _plt()
    fig, axes = plt.subplots(1, len(cms), figsize=(5.6 * len(cms), 5.2), squeeze=False)
    for ax, (label, cm) in zip(axes[0], cms.items()):
        cm = np.asarray(cm)
        norm = cm / np.maximum(cm.sum(1, keepdims=True), 1)
        ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
        for i in range(K):
            for j in range(K):
                ax.text(j, i, f"{cm[i, j]}\n{norm[i, j]:.0%}", ha="center", va="center", fontsize=7,
                        color="white" if norm[i, j] > 0.55 else "black")
        ax.set_xticks(range(K), EMOTIONS, rotation=45, ha="right")
        ax.set_yticks(range(K), EMOTIONS)
        ax.set_xlabel("predicted")
        ax.set_ylabel("true")
        acc = np.trace(cm) / max(cm.sum(), 1)
        ax.set_title(f"{label}: accuracy {acc:.1%}", fontsize=10)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_distribution(counts: dict[str, np.ndarray], path: str) -> None:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / len(counts)
    for k, (split, c) in enumerate(counts.items()):
        xs = np.arange(K) + (k - (len(counts) - 1) / 2) * width
        bars = ax.bar(xs, c, width, label=f"{split} ({int(c.sum()):,})")
        for x, v in zip(xs, c):
            ax.text(x, v, f"{int(v)}", ha="center", va="bottom", fontsize=7)
        del bars
    ax.set_xticks(range(K), EMOTIONS)
    ax.set_ylabel("faces")
    ax.set_title("FER-2013 class distribution")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_train_samples(images: np.ndarray, labels: np.ndarray, path: str, per_class: int = 10, seed: int = 0) -> None:
    plt = _plt()
    rng = np.random.default_rng(seed)
    fig, axes = plt.subplots(K, per_class, figsize=(per_class * 0.9, K * 1.0))
    for r, emotion in enumerate(EMOTIONS):
        idx = np.flatnonzero(labels == r)
        pick = rng.choice(idx, size=min(per_class, len(idx)), replace=False) if len(idx) else []
        for c in range(per_class):
            ax = axes[r, c]
            ax.axis("off")
            if c < len(pick):
                ax.imshow(images[pick[c]], cmap="gray", vmin=0, vmax=255)
        axes[r, 0].text(-6, 24, emotion, ha="right", va="center", fontsize=9)
    fig.suptitle("FER-2013 Training samples per emotion", fontsize=10)
    fig.subplots_adjust(left=0.12, right=0.99, top=0.94, bottom=0.01, wspace=0.05, hspace=0.08)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_test_predictions(images: np.ndarray, labels: np.ndarray, probs: np.ndarray, title: str, path: str,
                          rows: int = 5, cols: int = 8, seed: int = 1) -> None:
    plt = _plt()
    rng = np.random.default_rng(seed)
    pick = rng.choice(len(images), size=min(rows * cols, len(images)), replace=False)
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 1.3, rows * 1.55))
    for ax, i in zip(axes.flat, list(pick) + [None] * (rows * cols - len(pick))):
        ax.axis("off")
        if i is None:
            continue
        pred = int(probs[i].argmax())
        ax.imshow(images[i], cmap="gray", vmin=0, vmax=255)
        ok = pred == labels[i]
        ax.set_title(f"{EMOTIONS[labels[i]]}\n→ {EMOTIONS[pred]} {probs[i, pred]:.0%}", fontsize=7,
                     color="green" if ok else "red")
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_history(history: dict, name: str, path: str, best_epoch: int | None) -> bool:
    rows = history.get("history") or []
    if not rows:
        return False
    plt = _plt()
    ep = [r["epoch"] for r in rows]
    run_args = history.get("args") or {}
    train_label = "train" + (" (augmented)" if run_args.get("augment") else "") + \
        (" (label-smoothed loss)" if run_args.get("label_smoothing") else "")
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))
    axes[0].plot(ep, [r["train_loss"] for r in rows], label=train_label)
    axes[0].plot(ep, [r["val_loss"] for r in rows], label="PublicTest")
    axes[0].set_title("loss")
    axes[1].plot(ep, [r["train_acc"] for r in rows], label="train" + (" (augmented)" if run_args.get("augment") else ""))
    axes[1].plot(ep, [r["val_acc"] for r in rows], label="PublicTest")
    axes[1].set_title("accuracy")
    axes[2].plot(ep, [r["lr"] for r in rows])
    axes[2].set_title("learning rate (end of epoch)")
    for ax in axes:
        ax.set_xlabel("epoch")
        ax.grid(alpha=0.3)
        if best_epoch:
            ax.axvline(best_epoch, color="grey", ls=":", lw=1)
    axes[0].set_ylim(top=min(max(r["val_loss"] for r in rows), 3.0) * 1.05)
    axes[0].legend(fontsize=8)
    axes[1].legend(fontsize=8)
    fig.suptitle(f"{name}: training history ({len(rows)} epochs; dotted line = checkpoint kept)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


# ---- text ---------------------------------------------------------------------------------------------

def confusion_text(cm) -> str:
    cm = np.asarray(cm)
    width = max(9, max(len(e) for e in EMOTIONS) + 1)
    lines = ["true \\ predicted".ljust(width + 8) + "".join(e[:8].rjust(9) for e in EMOTIONS) + "   recall"]
    for i, e in enumerate(EMOTIONS):
        rec = cm[i, i] / max(cm[i].sum(), 1)
        lines.append(e.ljust(width + 8) + "".join(f"{v:9d}" for v in cm[i]) + f"   {rec:6.1%}")
    prec = [cm[j, j] / max(cm[:, j].sum(), 1) for j in range(K)]
    lines.append("precision".ljust(width + 8) + "".join(f"{p:9.1%}" for p in prec))
    return "\n".join(lines)


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def ferplus_markdown(models: dict) -> list[str]:
    scored = {n: m for n, m in models.items() if "ferplus" in m}
    if not scored:
        return []
    first = next(iter(scored.values()))["ferplus"]["plain"]
    out = ["", "**Against FER+'s ten votes** on the same PublicTest faces (Barsoum et al., 2016): the clear-majority "
           f"faces are the {first['clear']['faces']:,} where at least {CLEAR_VOTES} of 10 annotators chose the same one "
           f"of our seven emotions; the FER+ majority, the {first['majority']['faces']:,} with one most-voted emotion. "
           "Single pass / flip-averaged (as the extension reads):", "",
           "| model | trained on | clear majority | FER+ majority | clearly neutral read neutral | FER-2013 labels |",
           "|---|---|---:|---:|---:|---:|"]
    for name, m in scored.items():
        p, f = m["ferplus"]["plain"], m["ferplus"]["flip"]
        labels = "FER+ votes" if m.get("labels") == "ferplus" else "FER-2013 labels"
        out.append(f"| {name} | {labels} | {pct(p['clear']['accuracy'])} / {pct(f['clear']['accuracy'])} | "
                   f"{pct(p['majority']['accuracy'])} / {pct(f['majority']['accuracy'])} | "
                   f"{pct(p['clear_neutral_read_as']['neutral'])} / {pct(f['clear_neutral_read_as']['neutral'])} | "
                   f"{pct(p['fer2013_accuracy'])} / {pct(f['fer2013_accuracy'])} |")
    out += ["", f"FER-2013's label against FER+'s majority (flip-averaged): on the {first['agreed']['faces']:,} faces where "
            "the two agree, a gain is no relabelling; on the "
            f"{first['disputed']['faces']:,} where they disagree, a model can side with one of them only.", "",
            "| model | faces both agree on | disputed: FER-2013's label | disputed: FER+ majority |", "|---|---:|---:|---:|"]
    for name, m in scored.items():
        f = m["ferplus"]["flip"]
        out.append(f"| {name} | {pct(f['agreed']['accuracy'])} | {pct(f['disputed']['fer2013_accuracy'])} | "
                   f"{pct(f['disputed']['ferplus_accuracy'])} |")
    out += ["", "Recall of each emotion on the clear-majority faces (single pass):", "",
            "| emotion | faces | " + " | ".join(scored) + " |", "|---|---:|" + "---:|" * len(scored)]
    for e in EMOTIONS:
        out.append(f"| {e} | {first['clear']['support'][e]:,} | "
                   + " | ".join(pct(m["ferplus"]["plain"]["clear"]["recall"][e]) for m in scored.values()) + " |")
    out += ["", "What the clearly neutral faces are read as (single pass):", "",
            "| model | " + " | ".join(EMOTIONS) + " |", "|---|" + "---:|" * K]
    for name, m in scored.items():
        row = m["ferplus"]["plain"]["clear_neutral_read_as"]
        out.append(f"| {name} | " + " | ".join(pct(row[e]) for e in EMOTIONS) + " |")
    return out


def markdown(metrics: dict) -> str:
    models = metrics["models"]
    data = metrics["data"]
    out = [START, "",
           f"_Generated by `npm run evaluate` on {metrics['generated']} ({metrics['seconds']:.0f} s). "
           f"PublicTest: {data['PublicTest_total']:,} faces; these numbers are optimistic, because PublicTest "
           f"also chose the checkpoint (see Limits)._", "",
           "| model | arch | epoch kept | params | accuracy | + flip avg | macro-F1 | + flip avg | balanced acc |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, m in models.items():
        epoch = m["epoch"]
        if m.get("epochs_run"):
            epoch = f"{epoch} of {m['epochs_run']}"
        if m.get("run_finished") is False:
            epoch = f"{epoch} (unfinished run: {m.get('epochs_run', '?')} of {m.get('planned_epochs') or '?'} planned epochs)"
        out.append(f"| {name} | {m['arch']} | {epoch} | {m['parameters']:,} | {pct(m['plain']['accuracy'])} | "
                   f"{pct(m['flip']['accuracy'])} | {m['plain']['macro_f1']:.3f} | {m['flip']['macro_f1']:.3f} | "
                   f"{pct(m['plain']['balanced_accuracy'])} |")
    out += ["", "Per-class recall (precision in brackets), single pass / flip-averaged:", "",
            "| emotion | PublicTest faces | " + " | ".join(f"{n}" for n in models) + " |",
            "|---|---:|" + "---:|" * len(models)]
    for e in EMOTIONS:
        cells = []
        for m in models.values():
            p, f = m["plain"]["per_class"][e], m["flip"]["per_class"][e]
            cells.append(f"{pct(p['recall'])} ({pct(p['precision'])}) / {pct(f['recall'])}")
        out.append(f"| {e} | {data['PublicTest'][e]:,} | " + " | ".join(cells) + " |")
    out += ferplus_markdown(models)
    for name, m in models.items():
        out += ["", f"Confusion matrix, {name}, single pass (rows: true, columns: predicted):", "", "```",
                confusion_text(m["plain"]["confusion"]), "```"]
    out += ["", "Charts (in `models/card/`):", ""]
    for name in models:
        out.append(f"- `confusion-{name}.png`: confusion matrices, single pass and flip-averaged")
        if models[name].get("history_chart"):
            out.append(f"- `history-{name}.png`: per-epoch loss, accuracy and learning rate")
    out.append("- `class-distribution.png`: Training and PublicTest faces per emotion")
    out.append("- `faces-train-samples.png`, `faces-test-predictions.png`: sample faces (local only, not committed)")
    if models:
        first = next(iter(models))
        if models[first].get("history_chart"):
            out += ["", f"![training history of {first}](card/history-{first}.png)"]
        out += ["", f"![confusion matrix of {first}](card/confusion-{first}.png)", "",
                "![class distribution](card/class-distribution.png)"]
    out += ["", END]
    return "\n".join(out)


def update_readme(path: str, block: str) -> str:
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# MoodReel emotion model\n"
    if START in text and END in text and text.index(START) < text.index(END):
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        new = head + block + tail
        how = "rewrote the metrics section of"
    else:
        new = text.rstrip("\n") + "\n\n## Results\n\n" + block + "\n"
        how = "appended a metrics section to"
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(new)
    os.replace(tmp, path)
    return how


# ---- main ---------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", action="append", default=None,
                   help="run folder (or .pt) to evaluate; repeatable. Default: the shipped run (fer/runs.py), "
                        "plus the comparison runs that exist. The first is the main model.")
    p.add_argument("--data", default=DEFAULT_DATA)
    p.add_argument("--ferplus", default=DEFAULT_FERPLUS,
                   help="fer2013new.csv: also score against FER+'s votes (skipped when the file is missing)")
    p.add_argument("--cache", default=os.path.join(HERE, ".cache"))
    p.add_argument("--card", default=os.path.join(HERE, "card"), help="output folder for charts and metrics.json")
    p.add_argument("--readme", default=os.path.join(HERE, "README.md"))
    p.add_argument("--no-readme", action="store_true", help="do not touch the README")
    p.add_argument("--no-faces", action="store_true", help="skip the charts that show FER-2013 faces")
    p.add_argument("--limit", type=int, default=None, help="evaluate only the first N PublicTest faces (smoke)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=256)
    args = p.parse_args(argv)
    torch.set_num_threads(max(1, args.threads))
    started = time.time()

    runs = args.run or DEFAULT_RUNS + [r for r in OPTIONAL_RUNS if os.path.exists(os.path.join(r, "best.pt"))]
    try:
        splits = load_cached(args.data, args.cache)
        for needed in ("Training", "PublicTest"):
            if needed not in splits:
                raise DataError(f"{args.data}: no rows with Usage={needed}")
        votes = read_ferplus_votes(args.ferplus) if args.ferplus and os.path.exists(args.ferplus) else None
    except (DataError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    train, test = splits["Training"], splits["PublicTest"]
    try:
        loaded = [load_tfjs_run(r, train.images[:1024]) if r.endswith(".json") else load_run(r) for r in runs]
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    x_test, y_test, rows_test = test.images, test.labels, test.rows
    if args.limit:
        x_test, y_test, rows_test = x_test[:args.limit], y_test[:args.limit], rows_test[:args.limit]
    if votes is not None and len(votes) <= int(rows_test.max(initial=0)):
        print(f"warning: {args.ferplus} has fewer rows than the data; FER+ figures skipped", file=sys.stderr)
        votes = None

    os.makedirs(args.card, exist_ok=True)
    with open(os.path.join(args.card, ".gitignore"), "w") as fh:
        fh.write(CARD_GITIGNORE)

    counts = {"Training": np.bincount(train.labels, minlength=K), "PublicTest": np.bincount(y_test, minlength=K)}
    metrics = {
        "generated": dt.datetime.now().isoformat(timespec="seconds"),
        "emotions": list(EMOTIONS),
        "data": {"csv": os.path.basename(args.data),
                 "Training": {e: int(c) for e, c in zip(EMOTIONS, counts["Training"])},
                 "PublicTest": {e: int(c) for e, c in zip(EMOTIONS, counts["PublicTest"])},
                 "Training_total": int(counts["Training"].sum()), "PublicTest_total": int(len(y_test)),
                 "note": "Training counts are all Training rows in the CSV (the trainer may skip FER+ non-faces)"},
        "flip_averaging": "mean of softmax(model(x)) and softmax(model(mirror(x)))",
        "models": {},
    }
    main_probs = None
    for k, (name, model, info, history) in enumerate(loaded):
        if name in metrics["models"]:
            name = f"{name}-{k + 1}"
        t0 = time.time()
        plain, flipped = predict(model, x_test, args.batch_size)
        averaged = (plain + flipped) / 2
        took = time.time() - t0
        entry = {**info, "seconds": round(took, 1), "plain": scores(y_test, plain), "flip": scores(y_test, averaged)}
        if votes is not None:
            entry["ferplus"] = {"plain": ferplus_scores(plain, votes, rows_test, y_test),
                                "flip": ferplus_scores(averaged, votes, rows_test, y_test)}
        plot_confusion({"single pass": np.array(entry["plain"]["confusion"]),
                        "flip-averaged": np.array(entry["flip"]["confusion"])},
                       f"{name} ({info['arch']}, epoch {info['epoch']}) on PublicTest",
                       os.path.join(args.card, f"confusion-{name}.png"))
        with open(os.path.join(args.card, f"confusion-{name}.txt"), "w") as fh:
            fh.write(f"{name}: single pass\n{confusion_text(entry['plain']['confusion'])}\n\n"
                     f"{name}: flip-averaged\n{confusion_text(entry['flip']['confusion'])}\n")
        if history:
            entry["history_chart"] = plot_history(history, name, os.path.join(args.card, f"history-{name}.png"),
                                                  info.get("epoch"))
        metrics["models"][name] = entry
        if main_probs is None:
            main_probs = (name, plain)
        print(f"{name:10s} {info['arch']:8s} epoch {info['epoch']}: accuracy {entry['plain']['accuracy']:.4f} "
              f"(flip {entry['flip']['accuracy']:.4f}), macro-F1 {entry['plain']['macro_f1']:.4f} "
              f"(flip {entry['flip']['macro_f1']:.4f})  [{took:.1f} s]", flush=True)
        print(confusion_text(entry["plain"]["confusion"]), flush=True)
        if "ferplus" in entry:
            fp = entry["ferplus"]["plain"]
            print(f"{'':10s} FER+ clear majority {fp['clear']['accuracy']:.4f} ({fp['clear']['faces']} faces), "
                  f"majority {fp['majority']['accuracy']:.4f}, clearly neutral read neutral "
                  f"{fp['clear_neutral_read_as']['neutral']:.4f}, FER-2013 labels {fp['fer2013_accuracy']:.4f}",
                  flush=True)

    plot_distribution(counts, os.path.join(args.card, "class-distribution.png"))
    if not args.no_faces:
        plot_train_samples(train.images, train.labels, os.path.join(args.card, "faces-train-samples.png"))
        name, probs = main_probs
        plot_test_predictions(x_test, y_test, probs, f"PublicTest faces: true label → {name}'s prediction "
                              f"(green right, red wrong)", os.path.join(args.card, "faces-test-predictions.png"))
    metrics["seconds"] = round(time.time() - started, 1)
    with open(os.path.join(args.card, "metrics.json"), "w") as fh:
        json.dump(metrics, fh, indent=1)
        fh.write("\n")
    print(f"wrote {_rel(args.card)}/ (metrics.json, confusion-*.png/.txt, class-distribution.png"
          f"{', history-*.png' if any(m.get('history_chart') for m in metrics['models'].values()) else ''}"
          f"{'' if args.no_faces else ', faces-*.png'})")
    if not args.no_readme:
        how = update_readme(args.readme, markdown(metrics))
        print(f"{how} {_rel(args.readme)}")
    print(f"done in {metrics['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
