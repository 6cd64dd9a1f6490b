"""A plain numpy implementation of the same network and the same training, to check the SQL against.

Parameters are kept as a list of (W, b) per layer, W[i, j] connecting unit i of the layer below to unit j, so
that h_l = act(h_{l-1} @ W_l + b_l). `to_names` names them as the SQL's per-row columns; `from_state` reads a
stored training state.
"""
from __future__ import annotations

import hashlib
import math

import numpy as np

ARTICLE_WEIGHTS = [
    [[-0.00569693, 0.00186517], [0.00414431, 0.0105101]],
    [[-0.01312284, -0.01269512], [0.00379152, -0.01218354]],
]

# --- activations: forward rule and backward rule (in terms of the output h) side by side ------------------
ACTIVATIONS = {
    "relu": (lambda z: np.maximum(z, 0.0), lambda h: (h > 0).astype(float)),
    "tanh": (np.tanh, lambda h: 1.0 - h * h),
    "sigmoid": (lambda z: 0.5 + 0.5 * np.tanh(0.5 * z), lambda h: h * (1.0 - h)),
}


# --- preprocessing: fitted on the training rows, applied to any rows ----------------------------------------
def fit_preprocessing(x_train: np.ndarray, standardize: bool = True, impute: bool = False) -> dict:
    """Per feature: the mean and population deviation of the training values (NaN = missing, not counted);
    what a missing value becomes (the mean, when imputing); the center and scale the network sees. A feature
    whose deviation is at most 1e-10 of max(1, |mean|) is constant: centered, not scaled."""
    mean = np.nanmean(x_train, axis=0)
    std = np.nanstd(x_train, axis=0)
    constant = std <= 1e-10 * np.maximum(1.0, np.abs(mean))
    return {
        "mean": mean,
        "std": std,
        "impute": mean if impute else None,
        "center": mean if standardize else np.zeros_like(mean),
        "scale": np.where(constant, 1.0, std) if standardize else np.ones_like(mean),
    }


def preprocess(x: np.ndarray, fitted: dict) -> np.ndarray:
    if fitted["impute"] is not None:
        x = np.where(np.isnan(x), fitted["impute"], x)
    return (x - fitted["center"]) / fitted["scale"]


def fit_one_hot(values: list, max_categories: int, impute: bool = False) -> dict:
    """A categorical feature's vocabulary from its training values (None = missing): levels by count, most
    frequent first, ties in value order, at most max_categories; how many rarer ones were pooled; whether
    missing values get an input of their own (only when imputing and some training value is missing)."""
    present = [v for v in values if v is not None]
    counts: dict = {}
    for v in present:
        counts[v] = counts.get(v, 0) + 1
    ordered = sorted(counts, key=lambda v: (-counts[v], v))
    return {"levels": ordered[:max_categories], "pooled_levels": max(len(ordered) - max_categories, 0),
            "null_level": impute and len(present) < len(values)}


def one_hot(values: list, fitted: dict) -> np.ndarray:
    """One column per level, then "other" (any value not among the levels) when levels were pooled, then
    "missing" when it has its own input. A value never seen in training is "other", or all zeros without it."""
    columns = [[v == level for v in values] for level in fitted["levels"]]
    if fitted["pooled_levels"]:
        columns.append([v is not None and v not in fitted["levels"] for v in values])
    if fitted["null_level"]:
        columns.append([v is None for v in values])
    return np.array(columns, dtype=float).T.reshape(len(values), len(columns))


def uniforms(seed: int, count: int) -> np.ndarray:
    """Knuth's MMIX LCG, the same generator as macros/init/nn_uniforms.sql: (2k + 1) / 2^53, k = top 52 bits."""
    x = seed % 2**64
    out = []
    for _ in range(count):
        x = (6364136223846793005 * x + 1442695040888963407) % 2**64
        out.append((2 * (x // 4096) + 1) / 9007199254740992.0)
    return np.array(out)


def initial_parameters(dims: list[int], init: str = "he", seed: int = 42) -> list[tuple[np.ndarray, np.ndarray]]:
    if init == "article":
        return [(np.array(w, dtype=float), np.zeros(2)) for w in ARTICLE_WEIGHTS]
    n_weights = sum(dims[l - 1] * dims[l] for l in range(1, len(dims)))
    u = uniforms(seed, 2 * n_weights)
    # Box-Muller with the C library's log and cos, one number at a time, as the engines compute them: numpy's
    # vectorized log differs from it in the last bit on some CPUs (9 of 2,368 draws with AVX-512), and the
    # initial weights are compared bit for bit
    normals = np.array([math.sqrt(-2 * math.log(u1)) * math.cos(6.283185307179586 * u2) for u1, u2 in zip(u[0::2], u[1::2])])
    params, k = [], 0
    for l in range(1, len(dims)):
        fan_in, fan_out = dims[l - 1], dims[l]
        w = normals[k:k + fan_in * fan_out].reshape(fan_in, fan_out) * np.sqrt(2.0 / fan_in)
        params.append((w, np.zeros(fan_out)))
        k += fan_in * fan_out
    return params


def forward(params, x: np.ndarray, activation: str):
    """Returns the hidden activations (inputs first) and the class scores."""
    act, _ = ACTIVATIONS[activation]
    hs = [x]
    for w, b in params[:-1]:
        hs.append(act(hs[-1] @ w + b))
    w, b = params[-1]
    return hs, hs[-1] @ w + b


def softmax(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(log-sum-exp per row, probabilities), stably: shift by the row's largest score, one exp per class."""
    m = scores.max(axis=1, keepdims=True)
    e = np.exp(scores - m)
    total = e.sum(axis=1, keepdims=True)
    return (m + np.log(total))[:, 0], e / total


def log_softmax(scores: np.ndarray) -> np.ndarray:
    return scores - softmax(scores)[0][:, None]


def loss(params, x, y, activation: str, reg: float) -> float:
    return loss_and_gradients(params, x, y, activation, reg)[0]


def balanced_class_weights(y: np.ndarray, n_classes: int) -> np.ndarray:
    """scikit-learn's class_weight='balanced': class c weighs n / (C n_c)."""
    counts = np.bincount(y, minlength=n_classes)
    return np.where(counts > 0, len(y) / (n_classes * np.maximum(counts, 1)), 0.0)


def fit_target(y_train: np.ndarray) -> dict:
    """Regression: the training target's mean and population deviation; the network learns (y - mean) / std."""
    return {"mean": float(np.mean(y_train)), "std": float(np.std(y_train))}


def loss_and_gradients(params, x, y, activation: str, reg: float, class_weights=None, task: str = "classification"):
    """The loss and its gradient with respect to every W and b (L2 term included for W), from one forward pass.
    classification: y holds class numbers; softmax cross-entropy, each row's loss counted class_weights[label]
    times when given. regression: y holds the (standardized) target; one linear output, squared error (Keras's
    mean squared error, no 1/2), so d loss / d output = 2 (output - y)."""
    _, act_grad = ACTIVATIONS[activation]
    hs, scores = forward(params, x, activation)
    n = len(y)
    l2 = 0.5 * reg * sum((w * w).sum() for w, _ in params)
    if task == "regression":
        error = scores[:, 0] - y
        value = (error * error).mean() + l2
        dz = (2.0 * error / n)[:, None]
    else:
        log_sum_exp, dz = softmax(scores)
        row_weight = np.ones(n) if class_weights is None else np.asarray(class_weights)[y]
        value = (row_weight * (log_sum_exp - scores[np.arange(n), y])).mean() + l2
        dz[np.arange(n), y] -= 1.0
        dz *= row_weight[:, None]
        dz /= n
    grads = [None] * len(params)
    for l in range(len(params) - 1, -1, -1):
        w, _ = params[l]
        grads[l] = (hs[l].T @ dz + reg * w, dz.sum(axis=0))
        if l > 0:
            dz = (dz @ w.T) * act_grad(hs[l])
    return value, grads


# fractional parts of the square roots of the first eight primes: the batch shuffle's multipliers (README)
BATCH_FRACTIONS = [0.4142135624, 0.7320508076, 0.2360679775, 0.6457513111, 0.3166247904, 0.6055512755, 0.1231056256, 0.3588989435]


def batch_multipliers(n: int) -> list[int]:
    """For each of the eight fractions f: the smallest m >= max(1, floor(n f)) sharing no divisor with n."""
    multipliers = []
    for fraction in BATCH_FRACTIONS:
        m = max(1, int(n * fraction))
        while math.gcd(m, n) != 1:
            m += 1
        multipliers.append(m)
    return multipliers


def batch_rows(n: int, batch_size: int, step: int) -> np.ndarray:
    """The training rows (indices in example_id order) that the step from state `step` learns from: epoch
    e = step // B, batch k = step % B of B = ceil(n / batch_size); epoch e orders the rows by
    (m_{e mod 8} (r + e)) mod n and batch k takes positions k batch_size .. (k+1) batch_size - 1."""
    per_epoch = -(-n // batch_size)
    epoch, k = divmod(step, per_epoch)
    r = np.arange(n, dtype=np.int64)
    position = (batch_multipliers(n)[epoch % 8] * (r + epoch)) % n
    return np.flatnonzero(position // batch_size == k)


def train(params, x, y, activation: str, lr: float, reg: float, iterations: int, optimizer: str = "sgd",
          momentum: float = 0.9, beta1: float = 0.9, beta2: float = 0.95, epsilon: float = 1e-8, class_weights=None,
          task: str = "classification", batch_size: int | None = None, early_stopping: dict | None = None):
    """Gradient descent on all rows each step, or on the step's mini-batch (batch_rows) with batch_size; returns
    the final parameters and the loss measured at each step (the batch's).

    early_stopping: {"x": ..., "y": ..., "patience": p}, the validation rows: each step first measures their
    loss (L2 term included) at the parameters it starts from; the step from iteration j is taken only while
    j - 1 - best < p (best: the iteration whose parameters had the lowest validation loss so far). Filled in:
    "validation_losses" (one per step), "best_iteration", "best_params", "last_iteration"."""
    losses = []
    best = None
    flat_params = [array for layer in params for array in layer]  # W1, b1, W2, b2, ...
    m = [np.zeros_like(a) for a in flat_params]  # momentum's velocity; Adam's first moment
    v = [np.zeros_like(a) for a in flat_params]  # Adam's second moment
    for t in range(1, iterations + 1):
        if early_stopping is not None:
            state = list(zip(flat_params[::2], flat_params[1::2]))
            if best is not None and (t - 1) - 1 - best >= early_stopping["patience"]:
                break
            measured, _ = loss_and_gradients(state, early_stopping["x"], early_stopping["y"], activation, reg, class_weights, task)
            early_stopping.setdefault("validation_losses", []).append(measured)
            if best is None or measured < early_stopping["best_loss"]:
                best, early_stopping["best_loss"], early_stopping["best_params"] = t - 1, measured, state
            early_stopping["best_iteration"] = best
            early_stopping["last_iteration"] = t
        rows = np.arange(len(y)) if batch_size is None or batch_size >= len(y) else batch_rows(len(y), batch_size, t - 1)
        value, grads = loss_and_gradients(list(zip(flat_params[::2], flat_params[1::2])), x[rows], y[rows], activation, reg,
                                          class_weights, task)
        losses.append(value)
        flat_grads = [array for layer in grads for array in layer]
        for k, g in enumerate(flat_grads):
            if optimizer == "sgd":
                flat_params[k] = flat_params[k] - lr * g
            elif optimizer == "momentum":
                m[k] = momentum * m[k] + g
                flat_params[k] = flat_params[k] - lr * m[k]
            elif optimizer == "adam":
                m[k] = beta1 * m[k] + (1 - beta1) * g
                v[k] = beta2 * v[k] + (1 - beta2) * g * g
                m_hat = m[k] / (1 - beta1 ** t)
                v_hat = v[k] / (1 - beta2 ** t)
                flat_params[k] = flat_params[k] - lr * m_hat / (np.sqrt(v_hat) + epsilon)
            else:
                raise ValueError(optimizer)
    return list(zip(flat_params[::2], flat_params[1::2])), losses


def accuracy(params, x, y, activation: str) -> float:
    _, scores = forward(params, x, activation)
    return float((scores.argmax(axis=1) == y).mean())


def to_names(params) -> dict[str, float]:
    out = {}
    for l, (w, b) in enumerate(params, start=1):
        for i in range(w.shape[0]):
            for j in range(w.shape[1]):
                out[f"w{l}_{i}_{j}"] = float(w[i, j])
        for j in range(b.shape[0]):
            out[f"b{l}_{j}"] = float(b[j])
    return out


def from_state(row: dict, dims: list[int]):
    """The parameters of a stored training state: its array w{l} holds layer l's weights unit by unit (the
    dims[l-1] incoming weights of unit j from position j * dims[l-1]), b{l} the biases."""
    return [
        (np.array(row[f"w{l}"], dtype=float).reshape(dims[l], dims[l - 1]).T, np.array(row[f"b{l}"], dtype=float))
        for l in range(1, len(dims))
    ]


def split_text(value, kind: str) -> str:
    """A value as the split hashes it (nn_row_text): a whole number as itself, another number v as
    floor(v * 10^4) (from 10^14 on 'e' and floor(v / 10^10); from 10^28 on its sign), text as itself, NULL '~'."""
    if value is None:
        return "~"
    if kind == "text":
        return str(value)
    if kind == "whole":
        return str(int(value))
    if abs(value) < 1e14:
        return str(math.floor(value * 10000))
    if abs(value) < 1e28:
        return "e" + str(math.floor(value / 1e10))
    return "+" if value > 0 else "-"


def is_held_out(values: list, kinds: list[str], holdout_fraction: float = 0.2, fold: int = 0) -> bool:
    """The split of a row: the first 32 bits of the MD5 of its values' texts joined by '|' (a split_key's: its
    one value), shifted so that fold k's slice of [0, 2^32) comes first, below holdout_fraction 2^32."""
    text = "|".join(split_text(value, kind) for value, kind in zip(values, kinds))
    threshold = round(holdout_fraction * 2**32)
    shift = (2**32 - fold * threshold) % 2**32
    return (int(hashlib.md5(text.encode()).hexdigest()[:8], 16) + shift) % 2**32 < threshold
