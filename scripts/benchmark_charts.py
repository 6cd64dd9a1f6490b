"""Charts of the benchmark's figures, drawn from what one run of scripts/benchmark.py measured (never from typed-in
numbers): `python scripts/benchmark.py --shapes --chart docs/images/benchmark_shapes.png`."""
from __future__ import annotations

import pathlib


def shape_chart(measured: list[dict], path: pathlib.Path, caption: str) -> None:
    """Figure 6: per network shape, the time of one training iteration of the SQL block on DuckDB beside a tight
    numpy step (forward, backward, update) and the tests' reference step, on the same rows, on a log scale;
    each SQL bar labelled with its ratio to the tight step. `measured`: shape_figures' rows."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    bars = [("SQL block on DuckDB", "sql_s", "#1f77b4"), ("tight numpy step", "tight_s", "#ff7f0e"),
            ("tests' numpy reference step", "reference_s", "#bbbbbb")]
    x = np.arange(len(measured))
    width = 0.27
    fig, ax = plt.subplots(figsize=(8.5, 4.8))
    for offset, (label, key, color) in zip((-width, 0, width), bars):
        values = [row[key] * 1e3 for row in measured]
        drawn = ax.bar(x + offset, values, width, label=label, color=color)
        if key == "sql_s":
            ax.bar_label(drawn, labels=[f"{row['sql_s'] / row['tight_s']:.1f}x" for row in measured], padding=2, fontsize=9)
    ax.set_yscale("log")
    ax.set_ylabel("milliseconds per iteration (log scale)")
    ax.set_xticks(x, [f"{row['shape']}\n{row['rows']:,} rows" for row in measured])
    ax.set_title("One training iteration: SQL against numpy (label: SQL / tight numpy step)", fontsize=11)
    ax.legend(loc="upper left", fontsize=9)
    fig.text(0.01, 0.01, caption, fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
