"""Measure the project's speed and memory targets, each as a ratio against a reference measured in the same run.

    python scripts/benchmark.py            # all figures (about five minutes on 2 cores)
    python scripts/benchmark.py --quick    # fewer iterations, smaller data; for a smoke run

Figures 1-5: the article's 2-2-2 network on its kind of data as it is (hidden [2], standardize false), lr 2.0,
reg 1e-3:
  1. time per iteration of the SQL block on DuckDB vs one numpy step of the same math, at 100k and 1M rows
  2. peak memory of a K = 100 block vs a K = 10 block (each in its own process)
  3. the whole driver (scripts/train.py) for 1,000 iterations vs the same iterations as bare SQL
  4. the 2018 layout (parameters on every row, window sums, one nesting level per step) vs ours, 10 iterations
     at 1M rows
  5. per engine (DuckDB, local Spark, the BigQuery emulator, a local PostgreSQL server), 100k rows: time per iteration and dbt's overhead per
     block, fitted from blocks of two sizes run by the driver's own in-process dbt (one Spark session throughout),
     and characters of SQL per iteration; with --digits the same for 64-32-10 on scikit-learn's digits (1,797 rows)
  6. network shapes on DuckDB, as `layout: auto` trains them: 64-32-10 on scikit-learn's digits (1,797 rows),
     784-128-10 and 784-256-128-10 on 10k random rows: time per iteration vs a tight numpy step, the tests'
     numpy reference step and, where PyTorch is installed, PyTorch's CPU step of the same math; peak
     memory at two block sizes, SQL characters, the block on 1 thread, and DuckDB's own dot-product rate as a
     bound (the iteration's multiply-adds at that rate); for 64-32-10 also the whole driver for 1,000 iterations vs the
     same iterations as one bare block; for 784-128-10 also the long join/GROUP BY formulation
  7. mini-batches on DuckDB: the 2-2-2 network at 100k and 1M rows, batches of 256: time per iteration (block
     and marginal) vs a full-batch iteration and a numpy step on the batch; then 64-32-10 with batches of 128 on
     the digits and on the digits repeated to 1M rows: an iteration's cost at each size
  8. the whole driver on the public tables of at most 2,000 rows (scripts/compare_sklearn.py's), each already a
     table in DuckDB, with the default settings (tests and report included): the median of three runs after one
     that warms dbt's saved parse, against the goal of 6 s, and scikit-learn's fit of the same rows

    python scripts/benchmark.py --engines spark,bigquery   # figure 5 only, for these engines (or postgres)
    python scripts/benchmark.py --engines duckdb,spark --digits  # figure 5 with 64-32-10 on the digits
    python scripts/benchmark.py --shapes                   # figure 6 only
    python scripts/benchmark.py --shapes 64-32-10          # figure 6, one shape
    python scripts/benchmark.py --shapes --chart docs/images/benchmark_shapes.png   # figure 6, drawn too
    python scripts/benchmark.py --batches                  # figure 7 only
    python scripts/benchmark.py --small-tables             # figure 8 only

The SQL measured is what dbt compiles for nn_training (target/compiled/...), run with the duckdb client so that
dbt's own overhead is measured separately (figure 3).
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

import duckdb
import numpy as np

PROJECT_DIR = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))  # neural_net_sql, installed or not
sys.path.insert(0, str(PROJECT_DIR / "tests" / "python"))
sys.path.insert(0, str(PROJECT_DIR / "scripts"))
from neural_net_sql import reference  # noqa: E402  the numpy implementation the tests check the SQL against
from make_dataset import make_points  # noqa: E402

DBT = [sys.executable, "-c", "from dbt.cli.main import cli; cli()"]


def make_database(path: pathlib.Path, rows: int) -> None:
    x, y = make_points(rows, seed=2018)
    with duckdb.connect(str(path)) as con:
        con.execute("create or replace table points_bench (x1 double, x2 double, y integer)")
        con.execute("insert into points_bench select * from (select unnest($1), unnest($2), unnest($3))",
                    [x[:, 0].tolist(), x[:, 1].tolist(), y.tolist()])


def dbt(database: pathlib.Path, *args: str, vars_: dict) -> None:
    env = dict(os.environ, NN_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(PROJECT_DIR))
    result = subprocess.run([*DBT, *args, "--target-path", str(database.parent / "target"), "--vars", json.dumps(vars_)],
                            cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)


# Figures 1-5 time the article's 2-2-2 network on its data as they are: the same math as numpy_step.
ARTICLE_NETWORK = {"hidden": [2], "standardize": False}


def compiled_block(database: pathlib.Path, iterations: int, batch_size: int | None = None,
                   network: dict = ARTICLE_NETWORK) -> str:
    """The SQL of one nn_training block of `iterations` iterations, from the initial weights, of the article's
    network (or `network`'s vars over the project's defaults)."""
    vars_ = {"input_relation": "main.points_bench", "iterations": iterations, "block_size": iterations,
             "holdout_fraction": 0, **network, **({"batch_size": batch_size} if batch_size else {})}
    dbt(database, "run", "--select", "nn_examples", vars_=vars_)
    dbt(database, "compile", "--select", "nn_training", vars_=vars_)
    return (database.parent / "target/compiled/neural_net/models/training/nn_training.sql").read_text()


def time_sql(database: pathlib.Path, sql: str, repeat: int = 2, threads: int | None = None) -> float:
    """Best wall time of `sql` over `repeat` runs, on DuckDB's default threads (one per core, as under dbt) or on
    `threads`."""
    best = float("inf")
    with duckdb.connect(str(database), read_only=True) as con:
        if threads is not None:
            con.execute(f"set threads = {threads}")
        for _ in range(repeat):
            start = time.perf_counter()
            con.execute(sql).fetchall()
            best = min(best, time.perf_counter() - start)
    return best


def time_driver(database: pathlib.Path, args: list[str]) -> float:
    """Wall time of `scripts/train.py --full-refresh args` (its own process, as a user runs it): seed or staging,
    validation, every block, dbt test, the report."""
    env = dict(os.environ, NN_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(PROJECT_DIR))
    start = time.perf_counter()
    subprocess.run([sys.executable, str(PROJECT_DIR / "scripts" / "train.py"), "--full-refresh", *args],
                   env=env, cwd=PROJECT_DIR, check=True, capture_output=True)
    return time.perf_counter() - start


def numpy_step(W1, b1, W2, b2, x, onehot, lr, reg):
    """One full-batch step of the 2-2-2 network: tight_step (in place, one forward pass, no loss), the fastest
    plain numpy we could write, so the ratio is against a strict reference. Agrees with
    neural_net_sql/reference.py to ~1e-16."""
    (W1, b1), (W2, b2) = tight_step([(W1, b1), (W2, b2)], x, onehot, lr, reg)
    return W1, b1, W2, b2


def time_numpy_step(rows: int, repeat: int = 20) -> float:
    x, y = make_points(rows, seed=2018)
    onehot = np.eye(2)[y]
    (W1, b1), (W2, b2) = reference.initial_parameters([2, 2, 2], "he", seed=0)
    best = float("inf")
    for _ in range(3):
        params = (W1, b1, W2, b2)
        start = time.perf_counter()
        for _ in range(repeat):
            params = numpy_step(*params, x, onehot, 2.0, 1e-3)
        best = min(best, (time.perf_counter() - start) / repeat)
    expected, _ = reference.train([(W1, b1), (W2, b2)], x, y, "relu", 2.0, 1e-3, repeat)
    assert np.allclose(params[0], expected[0][0], rtol=1e-9), "numpy_step drifted from the reference math"
    return best


def peak_rss_mb(database: pathlib.Path, sql: str) -> float:
    """Peak resident memory of a fresh process that runs `sql` once."""
    script = ("import duckdb, resource, sys\n"
              f"con = duckdb.connect({str(database)!r}, read_only=True)\n"
              "con.execute(sys.stdin.read()).fetchall()\n"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n")
    out = subprocess.run([sys.executable, "-c", script], input=sql, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])  # (DuckDB may print a progress bar first)


def article_layout_sql(iterations: int, lr: float = 2.0, reg: float = 1e-3) -> str:
    """The 2018 design: every row carries all parameters; each step is one more nesting level whose gradient
    sums are window aggregates over the whole table."""
    params0 = reference.to_names(reference.initial_parameters([2, 2, 2], "he", seed=0))
    select0 = ", ".join(f"cast({v!r} as double) as {k}" for k, v in params0.items())
    sql = f"select x_0 as x1, x_1 as x2, label as y, {select0} from nn_examples"
    h = ["greatest(x1 * w1_0_{j} + x2 * w1_1_{j} + b1_{j}, 0)".format(j=j) for j in range(2)]
    s = [f"({h[0]}) * w2_0_{c} + ({h[1]}) * w2_1_{c} + b2_{c}" for c in range(2)]
    m = f"greatest({s[0]}, {s[1]})"
    p = [f"exp(({s[c]}) - ({m})) / (exp(({s[0]}) - ({m})) + exp(({s[1]}) - ({m})))" for c in range(2)]
    d = [f"(({p[c]}) - case when y = {c} then 1 else 0 end)" for c in range(2)]
    dh = [f"({d[0]} * w2_{j}_0 + {d[1]} * w2_{j}_1) * case when ({h[j]}) > 0 then 1 else 0 end" for j in range(2)]
    grads = {}
    for j in range(2):
        grads[f"w1_0_{j}"] = f"x1 * {dh[j]}"
        grads[f"w1_1_{j}"] = f"x2 * {dh[j]}"
        grads[f"b1_{j}"] = dh[j]
    for j in range(2):
        for c in range(2):
            grads[f"w2_{j}_{c}"] = f"({h[j]}) * {d[c]}"
    for c in range(2):
        grads[f"b2_{c}"] = d[c]
    for _ in range(iterations):
        updates = []
        for name, grad in grads.items():
            decay = f" + {reg} * {name}" if name.startswith("w") else ""
            updates.append(f"{name} - {lr} * (sum({grad}) over () / count(*) over (){decay}) as {name}")
        sql = f"select x1, x2, y, {', '.join(updates)} from ({sql})"
    return f"select * from ({sql}) limit 1"


def engine_block_costs(target: str, rows: int, sizes: tuple[int, int], repeat: int = 2, digits_csv: str | None = None) -> dict:
    """Wall time of `dbt run -s nn_training` for blocks of two sizes K1 < K2, in this process, as the driver runs
    them (parsed once, one adapter connection; on Spark one session). A block costs overhead + K * per_iteration:
    per_iteration = (wall(K2) - wall(K1)) / (K2 - K1), overhead = wall(K1) - K1 * per_iteration. The network is
    the article's on its 100k rows, or with digits_csv 64-32-10 on those rows; the SQL's characters per iteration
    likewise come from the blocks' compiled text."""
    from neural_net_sql.dbt_runner import Dbt
    from neural_net_sql.files import load_csv

    started = time.perf_counter()
    base = {"holdout_fraction": 0, "iterations": 1_000_000}
    if digits_csv:
        base.update({"features": [f"p{i}" for i in range(64)], "label": "digit", "hidden": [32], "lr": 0.1})
        name, staged = load_csv(base, pathlib.Path(digits_csv))
    else:
        base.update(ARTICLE_NETWORK)
        name, staged = "points", None  # the 100k-row article data
    seeding = Dbt(base, target)
    seeding.run("seed", "--select", name, "--full-refresh", quiet=True)
    if staged:
        staged.release()
    seeding.run("run", "--select", "nn_examples", quiet=True)
    load = time.perf_counter() - started
    walls, characters = {}, {}
    for k in sizes:
        dbt = Dbt({**base, "block_size": k}, target)
        dbt.run("run", "--select", "nn_training", *(["--full-refresh"] if k == sizes[0] else []), quiet=True)
        if k == sizes[0]:
            first_block = time.perf_counter() - started - load
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            dbt.run("run", "--select", "nn_training", quiet=True)
            times.append(time.perf_counter() - start)
        walls[k] = min(times)
        compiled = pathlib.Path(os.environ.get("DBT_TARGET_PATH", PROJECT_DIR / "target"))  # where dbt wrote it
        characters[k] = len((compiled / "compiled/neural_net/models/training/nn_training.sql").read_text())
    (k1, k2) = sizes
    per_iteration = (walls[k2] - walls[k1]) / (k2 - k1)
    return {"target": target, "rows": rows, "load_s": load, "first_block_s": first_block, "walls": walls,
            "per_iteration_s": per_iteration, "overhead_s": walls[k1] - k1 * per_iteration,
            "characters_per_iteration": (characters[k2] - characters[k1]) / (k2 - k1)}


def engine_figures(engines: list[str], workdir: pathlib.Path, digits: bool = False) -> None:
    """Figure 5: each engine in its own process (an emulator is started for BigQuery, on a free port); with
    digits, 64-32-10 on scikit-learn's digits instead of the article's network."""
    from engines import BigQueryEmulator, PostgresServer, bigquery_env, spark_env  # tests/python/engines.py

    digits_csv, rows = None, 100_000
    if digits:
        from sklearn.datasets import load_digits

        data = load_digits()
        digits_csv, rows = workdir / "digits.csv", len(data.target)
        lines = [",".join([f"p{i}" for i in range(64)] + ["digit"])]
        lines += [",".join([*map(str, x.astype(int)), str(y)]) for x, y in zip(data.data, data.target)]  # whole pixel values (the BigQuery emulator refuses "0.0" for the INT64 column dbt infers)
        digits_csv.write_text("\n".join(lines) + "\n")
    print(f"\n## 5. per engine, {'64-32-10 on the digits' if digits else 'the article network'}, {rows:,} rows: "
          "time per iteration and dbt overhead per block")
    results = []
    for target in engines:
        env = dict(os.environ, DBT_PROFILES_DIR=str(PROJECT_DIR), NN_DUCKDB_PATH=str(workdir / "engines.duckdb"))
        emulator = None
        if target == "bigquery":
            emulator = BigQueryEmulator(workdir / "emulator.log")
            env.update(bigquery_env(emulator.endpoint, "neural_net_bench"))
        elif target == "postgres":
            emulator = PostgresServer()
            env.update(emulator.environment("neural_net_bench"))
        elif target == "spark":
            env.update(spark_env(workdir / "spark"))
        sizes = ((10, 60) if target == "duckdb" else (2, 5)) if digits else ((10, 100) if target == "duckdb" else (2, 10))
        csv = str(digits_csv) if digits_csv else None
        code = ("import json, sys; sys.path[:0] = ['scripts', 'tests/python']; from benchmark import engine_block_costs; "
                f"print('RESULT ' + json.dumps(engine_block_costs({target!r}, {rows}, {sizes!r}, digits_csv={csv!r})))")
        try:
            out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
        finally:
            if emulator:
                emulator.stop()
        lines = [line for line in out.stdout.splitlines() if line.startswith("RESULT ")]
        if out.returncode != 0 or not lines:
            raise SystemExit(f"{target}: {out.stdout[-3000:]}\n{out.stderr[-3000:]}")
        r = json.loads(lines[0][len("RESULT "):])
        results.append(r)
        walls = ", ".join(f"K = {k}: {wall:.2f} s" for k, wall in r["walls"].items())
        print(f"{target:>9}: {r['per_iteration_s'] * 1e3:8.1f} ms/iteration, {r['overhead_s']:5.2f} s overhead per block "
              f"(block walls {walls}); loading {rows:,} rows {r['load_s']:.1f} s, first block (+ connect) "
              f"{r['first_block_s']:.1f} s; {r['characters_per_iteration']:,.0f} characters of SQL per iteration")
    if results and results[0]["target"] == "duckdb":
        for r in results[1:]:
            print(f"{r['target']:>9} vs duckdb: per iteration {r['per_iteration_s'] / results[0]['per_iteration_s']:.1f}x, "
                  f"overhead per block {r['overhead_s'] / results[0]['overhead_s']:.1f}x")


def shape_block(database: pathlib.Path, table: str, features: list[str], hidden: list[int], iterations: int,
                batch_size: int | None = None) -> str:
    """The SQL of one nn_training block of `iterations` iterations from the initial weights, layout auto."""
    vars_ = {"input_relation": f"main.{table}", "features": features, "label": "digit", "hidden": hidden,
             "iterations": iterations, "block_size": iterations, "holdout_fraction": 0, "lr": 0.1, "n_classes": 10,
             "standardize": False,  # the numpy reference's step takes the inputs as they are
             **({"batch_size": batch_size} if batch_size else {})}
    dbt(database, "run", "--select", "nn_examples", vars_=vars_)
    dbt(database, "compile", "--select", "nn_training", vars_=vars_)
    return (database.parent / "target/compiled/neural_net/models/training/nn_training.sql").read_text()


def tight_step(params, x, onehot, lr, reg):
    """One full-batch step of a ReLU network of any shape, softmax cross-entropy + L2: forward, backward,
    update and nothing else (no loss, no bookkeeping), in place where numpy allows: the tight reference."""
    n = x.shape[0]
    hs = [x]
    for w, b in params[:-1]:
        h = hs[-1] @ w
        h += b
        np.maximum(h, 0, out=h)
        hs.append(h)
    w, b = params[-1]
    dz = hs[-1] @ w
    dz += b
    dz -= dz.max(axis=1, keepdims=True)
    np.exp(dz, out=dz)
    dz /= dz.sum(axis=1, keepdims=True)
    dz -= onehot
    dz /= n
    updated = [None] * len(params)
    for layer in range(len(params) - 1, -1, -1):
        w, b = params[layer]
        dw = hs[layer].T @ dz
        db = dz.sum(axis=0)
        if layer > 0:
            dz = dz @ w.T
            dz *= hs[layer] > 0
        dw += reg * w
        updated[layer] = (w - lr * dw, b - lr * db)
    return updated


def time_tight_steps(x: np.ndarray, y: np.ndarray, dims: list[int], repeat: int = 5) -> float:
    """Best time per tight_step over three runs of `repeat`; checked against the tests' reference first."""
    params = reference.initial_parameters(dims, "he", seed=0)
    onehot = np.eye(dims[-1])[y]
    expected, _ = reference.train(params, x, y, "relu", 0.1, 1e-3, 1)
    got = tight_step(params, x, onehot, 0.1, 1e-3)
    assert all(np.allclose(g, e, rtol=1e-9, atol=1e-15) for (gw, gb), (ew, eb) in zip(got, expected) for g, e in ((gw, ew), (gb, eb))), \
        "tight_step drifted from the reference math"
    best = float("inf")
    for _ in range(3):
        state = params
        start = time.perf_counter()
        for _ in range(repeat):
            state = tight_step(state, x, onehot, 0.1, 1e-3)
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def torch_step_timer(x: np.ndarray, y: np.ndarray, dims: list[int]):
    """PyTorch's CPU step of the same math in float64: forward, loss (the mean cross-entropy plus reg/2 times the
    squared weights), autograd's backward, update; or None where PyTorch is not installed. Checked against
    tight_step first; returns a function that times `repeat` steps (best of three, per step)."""
    try:
        import torch
    except ImportError:
        return None
    params = reference.initial_parameters(dims, "he", seed=0)
    xs, ys = torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))

    def step(state, lr, reg):
        for tensor in state:
            tensor.grad = None
        h = xs
        for layer in range(0, len(state) - 2, 2):
            h = torch.relu(h @ state[layer] + state[layer + 1])
        logits = h @ state[-2] + state[-1]
        loss = torch.nn.functional.cross_entropy(logits, ys) + reg / 2 * sum((w * w).sum() for w in state[::2])
        loss.backward()
        with torch.no_grad():
            for tensor in state:
                tensor -= lr * tensor.grad
        return state

    def fresh():
        return [torch.tensor(array, dtype=torch.float64, requires_grad=True) for pair in params for array in pair]

    expected = tight_step(params, x, np.eye(dims[-1])[y], 0.1, 1e-3)
    got = step(fresh(), 0.1, 1e-3)
    assert all(np.allclose(g.detach().numpy(), e, rtol=1e-9, atol=1e-15) for g, e in zip(got, [a for pair in expected for a in pair])), \
        "the PyTorch step drifted from the reference math"

    def timed(repeat: int = 5) -> float:
        best = float("inf")
        for _ in range(3):
            state = fresh()
            start = time.perf_counter()
            for _ in range(repeat):
                state = step(state, 0.1, 1e-3)
            best = min(best, (time.perf_counter() - start) / repeat)
        return best

    timed.label = f"PyTorch {torch.__version__} CPU step ({torch.get_num_threads()} threads)"
    return timed


MULTIPLY_ADD_RATE = """
import duckdb, sys, time
threads, rows, width, units = map(int, sys.argv[1:5])
con = duckdb.connect()
con.execute(f"set threads = {threads}")
con.execute("select setseed(0.25)")
con.execute(f"create table x as select [random() for _ in range({width})]::double[] as x from range({rows})")
con.execute(f"create table w as select [random() for _ in range({width})]::double[] as w from range({units})")
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    con.execute("select sum(list_inner_product(x, w)) from x, w").fetchall()
    best = min(best, time.perf_counter() - start)
print(rows * width * units / best)
"""


def multiply_add_rate(threads: int, rows: int = 250_000, width: int = 784, units: int = 8) -> float:
    """DuckDB's own dot-product throughput on this machine, in multiply-adds per second: a 784-wide layer of 8
    units over 250k rows as `sum(list_inner_product(x, w))` over rows x units, lists in memory. A reference
    bound for a block's time (shorter lists cost more per multiply-add). DuckDB splits a scan by row groups of
    122,880 rows: the 250k rows let `threads` threads share it (a 10k-row table runs on one thread whatever
    the setting). In a process of its own: its 1.6 GB would count in the peak memory of every later child."""
    out = subprocess.run([sys.executable, "-c", MULTIPLY_ADD_RATE, str(threads), str(rows), str(width), str(units)],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def multiply_adds(dims: list[int], rows: int) -> int:
    """Multiply-adds of one full-batch iteration: each layer's forward product, its weights' gradient, and (but
    the first layer's) the delta passed down; the elementwise work besides is left out."""
    pairs = [a * b for a, b in zip(dims, dims[1:])]
    return rows * (3 * sum(pairs) - pairs[0])


def blas_kernel() -> str:
    """The BLAS numpy calls and the kernel it picked for this CPU (threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown (threadpoolctl not installed)"
    pools = [f"{i.get('internal_api')} {i.get('version')}, {i.get('architecture')} kernel, {i.get('num_threads')} threads"
             for i in threadpool_info() if i.get("user_api") == "blas"]
    return "; ".join(pools) or "none found"


def time_numpy_steps(x: np.ndarray, y: np.ndarray, dims: list[int], repeat: int = 5) -> float:
    """The tests' reference full-batch step (neural_net_sql/reference.py: forward, loss, backward, update, and its
    bookkeeping): slower than tight_step, shown beside it."""
    params = reference.initial_parameters(dims, "he", seed=0)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        reference.train(params, x, y, "relu", 0.1, 1e-3, repeat)
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def batch_figures(workdir: pathlib.Path, quick: bool) -> None:
    """Figure 7: mini-batches. The 2-2-2 network at two table sizes N, batch_size B: time per iteration of a
    block (what a user pays: the block's pass over the N rows to pick its batches, amortized over K) and its
    marginal cost (from blocks of K/2 and K iterations: the iteration alone), against a full-batch iteration
    on the same table and a tight numpy step on the batch (gathering its B rows, then tight_step)."""
    sizes = [20_000, 100_000] if quick else [100_000, 1_000_000]
    batch_size, k = (64, 20) if quick else (256, 100)
    print(f"\n## 7. mini-batches of {batch_size} rows: cost per iteration at two table sizes")
    for rows in sizes:
        database = workdir / f"batches_{rows}" / "db.duckdb"  # its own: figure 3's driver left a history
        database.parent.mkdir()
        make_database(database, rows)
        half, whole = (time_sql(database, compiled_block(database, kk, batch_size), repeat=3) for kk in (k // 2, k))
        full_batch = time_sql(database, compiled_block(database, k), repeat=1) / k
        x, y = make_points(rows, seed=2018)
        onehot = np.eye(2)[y]
        params = reference.initial_parameters([2, 2, 2], "he", seed=0)
        batch = reference.batch_rows(rows, batch_size, 0)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(200):
                tight_step(params, x[batch], onehot[batch], 2.0, 1e-3)
            best = min(best, (time.perf_counter() - start) / 200)
        print(f"{rows:>9,} rows: block {whole / k * 1e3:6.2f} ms/iteration (K = {k}), marginal "
              f"{(whole - half) / (k - k // 2) * 1e3:6.2f} ms; full batch {full_batch * 1e3:7.2f} ms/iteration; "
              f"numpy on the batch {best * 1e3:.3f} ms  -> block/numpy {whole / k / best:.1f}x")


def create_digits_lists(con, table: str) -> int:
    """scikit-learn's digits as `table` (h0: the 64 pixels as a list, digit); returns the number of rows."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    con.execute(f"create table {table} as select unnest(?::double[][]) as h0, unnest(?::int[]) as digit",
                [digits.data.tolist(), digits.target.tolist()])
    return len(digits.target)


def digits_batch_figures(workdir: pathlib.Path, quick: bool) -> None:
    """Figure 7b: 64-32-10 with mini-batches of 128 on the digits (1,797 rows) and on the digits repeated to 1M
    rows: what an iteration alone costs (blocks of K1 < K2 iterations, differenced). A batch's iteration should
    cost the same at any table size; what grows with N is the block's pass to pick its batches."""
    features = [f"p{i}" for i in range(64)]
    big = 200_000 if quick else 1_000_000
    k1, k2 = (10, 30) if quick else (20, 60)
    print(f"\n## 7b. 64-32-10, mini-batches of 128: time per iteration on the digits and on {big:,} rows")
    per_iteration = {}
    for copies in ("once", "repeated"):
        database = workdir / f"digits_batches_{copies}" / "db.duckdb"
        database.parent.mkdir()
        with duckdb.connect(str(database)) as con:
            count = create_digits_lists(con, "pixels")
            rows = count if copies == "once" else big
            con.execute("create table digit_rows as select " + ", ".join(f"h0[{i + 1}] as p{i}" for i in range(64))
                        + f", digit from pixels, range({-(-rows // count)}) limit {rows}")
        walls = {k: time_sql(database, shape_block(database, "digit_rows", features, [32], k, batch_size=128), repeat=1)
                 for k in (k1, k2)}
        per_iteration[rows] = (walls[k2] - walls[k1]) / (k2 - k1)
        print(f"{rows:>9,} rows: {per_iteration[rows] * 1e3:6.2f} ms per iteration (blocks of {k1}: {walls[k1]:.2f} s, "
              f"of {k2}: {walls[k2]:.2f} s)")
    (small_rows, small), (_, large) = per_iteration.items()
    print(f"    an iteration on {big:,} rows costs {large / small:.1f}x one on {small_rows:,} rows")


def shape_figures(workdir: pathlib.Path, quick: bool, only: list[str] | None = None) -> list[dict]:
    """Figure 6: per shape, the project's block (what dbt compiles, layout auto) timed at two sizes K1 < K2, so
    that time per iteration = (t(K2) - t(K1)) / (K2 - K1) leaves out the block's fixed costs (initial weights,
    training rows), against the numpy reference's step on the same rows; peak memory of both blocks; for
    784-128-10, one iteration of the long (i, j, value) join/GROUP BY formulation (scripts/benchmark_layouts.py).
    Returns each shape's figures (benchmark_charts.shape_chart draws them)."""
    from benchmark_layouts import Problem, load_examples, long_layout

    rows = 2_000 if quick else 10_000
    all_threads = os.cpu_count() or 1
    rates = {t: multiply_add_rate(t) for t in sorted({1, all_threads})}
    print("DuckDB's own dot-product rate (sum(list_inner_product) of 250k x 8 lists of 784): "
          + ", ".join(f"{rate / 1e6:,.0f} M multiply-adds/s on {t} thread{'s' if t > 1 else ''}" for t, rate in rates.items()))
    shapes = [("64-32-10 (digits)", [64, 32, 10], None, (2, 12) if quick else (10, 60)),
              ("784-128-10", [784, 128, 10], rows, (2, 3) if quick else (2, 5)),
              ("784-256-128-10", [784, 256, 128, 10], rows, (2, 3) if quick else (2, 4))]
    measured = []
    for name, dims, n, (k1, k2) in shapes:
        if only and name.split()[0] not in only:
            continue
        database = workdir / name.split()[0] / "db.duckdb"
        database.parent.mkdir()
        features = [f"p{i}" for i in range(dims[0])]
        with duckdb.connect(str(database)) as con:
            if n is None:
                create_digits_lists(con, "shape_bench")
            else:
                con.execute("select setseed(0.5)")
                con.execute(f"create table shape_bench as select [random() * 2 - 1 for _ in range({dims[0]})] as h0, "
                            f"(range % {dims[-1]})::integer as digit from range({n})")
            con.execute("create table shape_rows as select row_number() over () as r, "
                        + ", ".join(f"h0[{i + 1}] as p{i}" for i in range(dims[0])) + ", digit from shape_bench")
            fetched = con.execute(f"select {', '.join(features)}, digit from shape_rows order by r").fetchnumpy()
        x = np.column_stack([fetched[f] for f in features]).astype(float)
        y = fetched["digit"].astype(int)
        blocks = {k: shape_block(database, "shape_rows", features, dims[1:-1], k) for k in (k1, k2)}
        times = {k: time_sql(database, sql, repeat=1) for k, sql in blocks.items()}
        memory = {k: peak_rss_mb(database, sql) for k, sql in blocks.items()}
        per_iteration = (times[k2] - times[k1]) / (k2 - k1)
        one_thread = (time_sql(database, blocks[k2], repeat=1, threads=1) - time_sql(database, blocks[k1], repeat=1, threads=1)) / (k2 - k1)
        work = multiply_adds(dims, len(y))
        numpy_s = time_numpy_steps(x, y, dims)
        tight_s = time_tight_steps(x, y, dims)
        torch_timer = torch_step_timer(x, y, dims)
        torch_s = torch_timer() if torch_timer else None
        parameters = sum(a * b + b for a, b in zip(dims, dims[1:]))
        layout = "arrays" if "list_inner_product" in blocks[k1] else "columns"
        measured.append({"shape": name, "rows": len(y), "sql_s": per_iteration, "tight_s": tight_s, "reference_s": numpy_s,
                         "torch_s": torch_s})
        print(f"{name}, {len(y):,} rows, {layout} layout: {per_iteration * 1e3:,.1f} ms/iteration "
              f"(K = {k1}: {times[k1]:.1f} s, K = {k2}: {times[k2]:.1f} s) = {parameters * len(y) / per_iteration / 1e6:,.1f} M "
              f"parameter-rows/s; tight numpy step {tight_s * 1e3:.2f} ms -> {per_iteration / tight_s:.1f}x "
              f"({parameters * len(y) / tight_s / 1e6:,.0f} M parameter-rows/s); the tests' reference step "
              f"{numpy_s * 1e3:.2f} ms -> {per_iteration / numpy_s:.1f}x; peak memory {memory[k1]:,.0f} MB at K = {k1}, {memory[k2]:,.0f} MB at "
              f"K = {k2}; SQL {len(blocks[k2]):,} characters at K = {k2} ({len(blocks[k1]):,} at K = {k1})")
        print(f"    {torch_timer.label}: {torch_s * 1e3:.2f} ms -> the block is {per_iteration / torch_s:.1f}x that; the tight numpy "
              f"step is {tight_s / torch_s:.2f}x PyTorch's" if torch_timer else
              "    PyTorch: not installed (pip install torch; on these machines torch==2.13.0 is a CPU build on disk)")
        print(f"    {work / 1e6:,.1f} M multiply-adds per iteration: at DuckDB's own rate on {all_threads} thread(s) "
              f"{work / rates[all_threads] * 1e3:,.1f} ms -> the block is {per_iteration * rates[all_threads] / work:.1f}x that "
              f"bound; on 1 thread the block takes {one_thread * 1e3:,.1f} ms per iteration ({one_thread / per_iteration:.2f}x "
              f"the time on {all_threads}; the bound on 1 thread {work / rates[1] * 1e3:,.1f} ms)")
        if n is None:  # digits: the whole driver against the same iterations as one bare block
            iterations = 200 if quick else 1000
            bare = time_sql(database, shape_block(database, "shape_rows", features, dims[1:-1], iterations), repeat=1)
            driver = time_driver(database, [
                "--input-relation", "main.shape_rows", "--features", ",".join(features), "--label", "digit",
                "--hidden", ",".join(map(str, dims[1:-1])), "--lr", "0.1", "--n-classes", str(dims[-1]),
                "--holdout-fraction", "0", "--iterations", str(iterations), "--min-accuracy", "0",
                "--vars", json.dumps({"standardize": False})])
            print(f"    {iterations} iterations: bare SQL (one block) {bare:.1f} s, the driver (blocks of the default K, "
                  f"dbt test, the report) {driver:.1f} s -> ratio {driver / bare:.2f}x")
        if dims == [784, 128, 10]:
            problem = Problem(len(y), dims)
            problem.x, problem.y = x, y
            with duckdb.connect() as con:
                load_examples(con, problem)
                _, run = long_layout(con, problem)
                long_s, _ = best_of_one(run)
            print(f"    the long (i, j, value) join/GROUP BY formulation: {long_s:.1f} s for one iteration "
                  f"-> the project's block is {long_s / per_iteration:.1f}x faster")
    return measured


def best_of_one(run) -> tuple[float, object]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def without_openblas_settings() -> None:
    """Run again without the OPENBLAS_* variables (OPENBLAS_CORETYPE picks a slower kernel on some machines):
    the numpy references then run the kernel OpenBLAS picks for this CPU, which the figures print."""
    if any(name.startswith("OPENBLAS_") for name in os.environ):
        env = {name: value for name, value in os.environ.items() if not name.startswith("OPENBLAS_")}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)


def small_table_figures(workdir: pathlib.Path, quick: bool) -> None:
    """Figure 8: the whole driver, defaults, on each public table of at most 2,000 rows, already in DuckDB."""
    import statistics

    from compare_sklearn import sklearn_score, tables

    print("\n## 8. the whole driver on small tables, default settings (goal: at most 6 s)")
    for name, table in tables().items():
        frame = table.load()
        if len(frame) > 2000:
            continue
        database = workdir / f"small_{name}.duckdb"
        with duckdb.connect(str(database)) as con:
            con.execute("create table small_rows as select * from frame")
        features = [column for column in frame.columns if column != table.label]
        args = ["--input-relation", "main.small_rows", "--features", ",".join(features), "--label", table.label, *table.args]
        runs = [time_driver(database, args) for _ in range(2 if quick else 4)][1:]  # the first warms dbt's saved parse
        with duckdb.connect(str(database), read_only=True) as con:
            examples = con.execute(f"select {', '.join(f'x_{i}' for i in range(len(features)))}, label, is_holdout, "
                                   "(select any_value(task) from nn_metrics) from nn_examples order by example_id").fetchall()
            dims = json.loads(con.execute("select run_settings from nn_training limit 1").fetchone()[0])["dims"]
        import pandas as pd

        x = pd.DataFrame([row[:len(features)] for row in examples], columns=features)
        y, holdout = np.array([row[-3] for row in examples]), np.array([row[-2] for row in examples])
        _, fit = sklearn_score(x, y, holdout, examples[0][-1])
        driver = statistics.median(runs)
        print(f"{name:<14} {len(frame):>5,} rows, {'-'.join(map(str, dims)):>9}: driver {driver:5.2f} s (runs "
              f"{', '.join(f'{r:.2f}' for r in runs)})  {'meets' if driver <= 6 else 'misses'} 6 s;  scikit-learn's fit {fit:.2f} s")


def main() -> None:
    without_openblas_settings()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--engines", help="only figure 5, for these comma-separated targets (duckdb,spark,bigquery,postgres)")
    parser.add_argument("--digits", action="store_true", help="figure 5 with 64-32-10 on scikit-learn's digits")
    parser.add_argument("--batches", action="store_true", help="only figure 7: mini-batches at two table sizes")
    parser.add_argument("--small-tables", action="store_true", help="only figure 8: the whole driver on small public tables")
    parser.add_argument("--shapes", nargs="?", const="all",
                        help="only figure 6; optionally only these comma-separated shapes (64-32-10,784-128-10,...)")
    parser.add_argument("--chart", type=pathlib.Path, help="with --shapes: draw figure 6 as a bar chart to this PNG "
                                                           "(docs/images/benchmark_shapes.png)")
    args = parser.parse_args()
    if args.chart and not args.shapes:
        parser.error("--chart draws figure 6: give --shapes too")
    print(f"numpy {np.__version__}: {blas_kernel()}")
    if args.shapes:
        measured = shape_figures(pathlib.Path(tempfile.mkdtemp(prefix="nn_bench_")), args.quick,
                                 None if args.shapes == "all" else args.shapes.split(","))
        if args.chart:
            from benchmark_charts import shape_chart

            shape_chart(measured, args.chart, f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, DuckDB "
                        f"{duckdb.__version__}, numpy {np.__version__}: python scripts/benchmark.py {' '.join(sys.argv[1:])}")
            print(f"chart: {args.chart}")
        return
    if args.batches:
        workdir = pathlib.Path(tempfile.mkdtemp(prefix="nn_bench_"))
        batch_figures(workdir, args.quick)
        digits_batch_figures(workdir, args.quick)
        return
    if args.small_tables:
        small_table_figures(pathlib.Path(tempfile.mkdtemp(prefix="nn_bench_")), args.quick)
        return
    if args.engines:
        engine_figures(args.engines.split(","), pathlib.Path(tempfile.mkdtemp(prefix="nn_bench_")), args.digits)
        return
    sizes = [20_000, 100_000] if args.quick else [100_000, 1_000_000]
    k = 20 if args.quick else 100
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="nn_bench_"))
    print(f"# neural_net benchmark  (DuckDB {duckdb.__version__}, numpy {np.__version__}, {os.cpu_count()} cores)")

    print("\n## 1. time per iteration: SQL block vs numpy step")
    databases = {}
    for rows in sizes:
        database = workdir / f"bench_{rows}" / "db.duckdb"
        database.parent.mkdir()
        make_database(database, rows)
        databases[rows] = database
        sql = compiled_block(database, k)
        sql_per_iteration = time_sql(database, sql) / k
        numpy_per_iteration = time_numpy_step(rows)
        print(f"{rows:>9,} rows: SQL {sql_per_iteration * 1e3:7.2f} ms/iteration (K = {k}), numpy "
              f"{numpy_per_iteration * 1e3:7.2f} ms/step  -> ratio {sql_per_iteration / numpy_per_iteration:.2f}x")

    print("\n## 2. memory: peak RSS of one block, K = 100 vs K = 10")
    database = databases[sizes[-1]]
    rss = {kk: peak_rss_mb(database, compiled_block(database, kk)) for kk in (10, 100)}
    print(f"{sizes[-1]:>9,} rows: K = 10 {rss[10]:.0f} MB, K = 100 {rss[100]:.0f} MB  -> ratio {rss[100] / rss[10]:.2f}x")

    print("\n## 3. the whole driver vs bare SQL, same iterations")
    iterations = 200 if args.quick else 1000
    rows = sizes[0]
    database = databases[rows]
    bare = time_sql(database, compiled_block(database, iterations), repeat=1)
    driver = time_driver(database, ["--input-relation", "main.points_bench", "--holdout-fraction", "0",
                                    "--iterations", str(iterations), "--vars", json.dumps(ARTICLE_NETWORK)])
    print(f"{rows:>9,} rows, {iterations} iterations: bare SQL {bare:.2f} s, driver (parse, {iterations // 100 or 1}+ "
          f"blocks, tests, analysis) {driver:.2f} s  -> ratio {driver / bare:.2f}x")

    print("\n## 4. the 2018 layout vs ours, 10 iterations")
    rows = sizes[-1]
    database = databases[rows]
    ours = time_sql(database, compiled_block(database, 10))
    theirs = time_sql(database, article_layout_sql(10), repeat=1)
    print(f"{rows:>9,} rows: 2018 layout {theirs:.2f} s, ours {ours:.2f} s  -> ours is {theirs / ours:.1f}x faster")

    print("\n## 6. network shapes on DuckDB")
    shape_figures(workdir, args.quick)

    batch_figures(workdir, args.quick)
    digits_batch_figures(workdir, args.quick)
    small_table_figures(workdir, args.quick)

    if not args.quick:
        engine_figures(["duckdb", "spark", "bigquery", "postgres"], workdir)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
