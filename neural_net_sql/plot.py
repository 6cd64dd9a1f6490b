"""Pictures of a training run: the loss curve, the decision boundary (a regression: the predicted value) over
the first two features, and a classification's confusion matrix on the rows the sample is of.

Used by `neural-net-train --plot` with rows (dicts) of the analyses nn_loss_history, nn_decision_grid (class
probabilities on a grid, computed in SQL by the same forward pass as training) and nn_prediction_sample, and
of the model nn_confusion_matrix.
"""
from __future__ import annotations

import pathlib

_NOT_FEATURES = {"example_id", "split", "actual_class", "predicted_class", "log_loss"}


def plot(history: list[dict], grid: list[dict], sample: list[dict], path: pathlib.Path, confusion: list[dict] = ()) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    split = sample[0]["split"]
    confusion = [row for row in confusion if row["split"] == split]  # a regression's is empty
    fig, axes = plt.subplots(1, 3 if confusion else 2, figsize=(18 if confusion else 12, 4.8))
    left, right = axes[0], axes[1]

    measured = [row for row in history if row["loss"] is not None]
    left.plot([row["iteration"] for row in measured], [row["loss"] for row in measured], color="tab:blue",
              label="training")
    if measured and measured[-1].get("validation_loss") is not None:  # early_stopping
        left.plot([row["iteration"] for row in measured], [row["validation_loss"] for row in measured],
                  color="tab:orange", label="validation")
        left.legend(title="loss on the rows")
    left.set_xlabel("iteration")
    left.set_ylabel("loss (cross-entropy + L2)")
    left.set_yscale("log")
    left.set_title(f"Loss over {len(measured)} iterations")
    left.grid(alpha=0.3)

    xs = np.array(sorted({row["grid_x"] for row in grid}))
    ys = np.array(sorted({row["grid_y"] for row in grid}))
    predicted = np.zeros((len(ys), len(xs)))
    index_x = {value: i for i, value in enumerate(xs)}
    index_y = {value: i for i, value in enumerate(ys)}
    if "predicted_value" in grid[0]:  # a regression: the predicted value over the plane, the rows by their value
        for row in grid:
            predicted[index_y[row["grid_y"]], index_x[row["grid_x"]]] = row["predicted_value"]
        filled = right.contourf(xs, ys, predicted, levels=20, cmap="viridis", alpha=0.6)
        fig.colorbar(filled, ax=right, label="predicted value")
        features = [name for name in sample[0] if name not in _NOT_FEATURES | {"actual_value", "predicted_value"}]
        fx, fy = features[0], features[1] if len(features) > 1 else features[0]
        right.scatter([r[fx] for r in sample], [r[fy] for r in sample], s=8, c=[r["actual_value"] for r in sample],
                      cmap="viridis", norm=filled.norm, edgecolors="black", linewidths=0.3)
        right.set_xlabel(fx)
        right.set_ylabel(fy)
        right.set_title(f"Predicted value; {_rows_name(sample)} by actual value")
        left.set_ylabel("loss (squared error + L2)")
        return _save(fig, path)

    classes = sorted(int(name.split("_")[1]) for name in grid[0] if name.startswith("probability_"))
    for row in grid:
        predicted[index_y[row["grid_y"]], index_x[row["grid_x"]]] = max(classes, key=lambda c: row[f"probability_{c}"])
    cmap = plt.get_cmap("coolwarm", len(classes))
    right.contourf(xs, ys, predicted, levels=np.arange(len(classes) + 1) - 0.5, cmap=cmap, alpha=0.35)
    right.contour(xs, ys, predicted, levels=np.arange(len(classes) - 1) + 0.5, colors="black", linewidths=1)

    features = [name for name in sample[0] if name not in _NOT_FEATURES and not name.startswith("probability_")]
    fx, fy = features[0], features[1] if len(features) > 1 else features[0]
    right_rows = [row for row in sample if row["predicted_class"] == row["actual_class"]]
    wrong_rows = [row for row in sample if row["predicted_class"] != row["actual_class"]]
    right.scatter([r[fx] for r in right_rows], [r[fy] for r in right_rows], s=5, c=[r["actual_class"] for r in right_rows],
                  cmap=cmap, vmin=-0.5, vmax=len(classes) - 0.5)
    right.scatter([r[fx] for r in wrong_rows], [r[fy] for r in wrong_rows], s=40, marker="x", color="black",
                  label=f"misclassified: {len(wrong_rows)} of {len(sample)}")
    right.set_xlabel(fx)
    right.set_ylabel(fy)
    right.set_title(f"Decision boundary; {_rows_name(sample)} by actual class")
    right.legend(loc="upper left")
    if confusion:
        _confusion_matrix(axes[2], confusion, classes, _rows_name(sample))
    _save(fig, path)


def _confusion_matrix(axis, confusion: list[dict], classes: list[int], rows_name: str) -> None:
    """How often each actual class (row) was predicted as each class (column), counts written in the cells."""
    import numpy as np

    counts = np.zeros((len(classes), len(classes)), dtype=int)
    for row in confusion:
        counts[classes.index(row["actual_class"]), classes.index(row["predicted_class"])] += row["examples"]
    axis.imshow(counts, cmap="Blues")
    for (i, j), count in np.ndenumerate(counts):
        axis.text(j, i, str(count), ha="center", va="center", color="white" if count > counts.max() / 2 else "black")
    axis.set_xticks(range(len(classes)), classes)
    axis.set_yticks(range(len(classes)), classes)
    axis.set_xlabel("predicted class")
    axis.set_ylabel("actual class")
    correct = int(np.trace(counts))
    axis.set_title(f"Confusion matrix, {rows_name}: {correct} of {counts.sum()} right")


def _rows_name(sample: list[dict]) -> str:
    """What the sample's rows are (nn_prediction_sample takes the held-out ones when there are any)."""
    return {"holdout": "held-out examples", "validation": "validation examples"}.get(sample[0]["split"], "training examples")


def _save(fig, path: pathlib.Path) -> None:
    import matplotlib.pyplot as plt

    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
