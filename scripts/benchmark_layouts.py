"""Measure candidate parameter layouts for wide networks before choosing one (issue: networks of any size).

    python scripts/benchmark_layouts.py            # every shape (about five minutes on 2 cores)
    python scripts/benchmark_layouts.py --quick    # the small shapes only

One full-batch iteration of gradient descent (ReLU hidden layers, softmax cross-entropy, L2, sgd), written
by hand as one DuckDB query per layout, on random inputs of each shape, timed against one numpy step of the same
math in the same run; each layout's new parameters are checked against numpy's (largest relative error).

  long    every matrix as (layer, i, j, value) rows; a matmul is a join on i and a GROUP BY: the textbook form
  arrays  the parameters in ONE state row, each layer a list of its units' incoming-weight lists. Per example
          row, list functions give the forward pass (list_dot_product with each unit's weights), the softmax,
          and the backward pass (list_dot_product with the transposed weights, transposed once per iteration
          in the one-row state). The gradient dz^T h is the only matmul over rows: each layer's deltas and
          inputs are turned into one list per unit over the rows (ordered by row), then each unit's gradient
          row is one list_dot_product per input column. The network's inputs never change within a block, so
          their columns are built once per block (timed separately: "per block").

The project's layout today (every parameter a column of the state row) is figure 6 of scripts/benchmark.py.
"""
from __future__ import annotations

import argparse
import time

import duckdb
import numpy as np

LR, REG = 0.1, 1e-3


class Problem:
    def __init__(self, rows: int, dims: list[int], seed: int = 0):
        rng = np.random.default_rng(seed)
        self.rows, self.dims, self.layers = rows, dims, len(dims) - 1
        self.x = rng.standard_normal((rows, dims[0]))
        self.y = rng.integers(0, dims[-1], rows)
        self.w = [rng.standard_normal((dims[l + 1], dims[l])) * np.sqrt(2 / dims[l]) for l in range(self.layers)]
        self.b = [rng.standard_normal(dims[l + 1]) * 0.01 for l in range(self.layers)]

    def numpy_step(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """One full-batch step; w[l] is (units, inputs), as in the arrays layout."""
        hs = [self.x]
        for l in range(self.layers - 1):
            hs.append(np.maximum(hs[-1] @ self.w[l].T + self.b[l], 0))
        scores = hs[-1] @ self.w[-1].T + self.b[-1]
        scores -= scores.max(axis=1, keepdims=True)
        dz = np.exp(scores)
        dz /= dz.sum(axis=1, keepdims=True)
        dz[np.arange(self.rows), self.y] -= 1
        new_w, new_b = [None] * self.layers, [None] * self.layers
        for l in range(self.layers - 1, -1, -1):
            new_w[l] = self.w[l] - LR * (dz.T @ hs[l] / self.rows + REG * self.w[l])
            new_b[l] = self.b[l] - LR * dz.mean(axis=0)
            if l > 0:
                dz = (dz @ self.w[l]) * (hs[l] > 0)
        return new_w, new_b

    def error(self, w: list[np.ndarray], b: list[np.ndarray]) -> float:
        want_w, want_b = self.numpy_step()
        return max(float(np.max(np.abs(got - want) / np.maximum(np.abs(want), 1e-3)))
                   for got, want in zip(w + b, want_w + want_b))


def best_of(repeat: int, run) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def load_examples(con: duckdb.DuckDBPyConnection, p: Problem) -> None:
    """examples(row_index, h0 double[], label): the inputs as a list per row."""
    con.execute("create or replace table examples as select unnest(range(?)) as row_index, unnest(?::double[][]) as h0, "
                "unnest(?::int[]) as label", [p.rows, p.x.tolist(), p.y.tolist()])


def long_layout(con: duckdb.DuckDBPyConnection, p: Problem) -> tuple[str, callable]:
    L = p.layers
    con.execute(f"create or replace table inputs as select row_index, i - 1 as i, h0[i] as value "
                f"from examples, range(1, {p.dims[0]} + 1) t(i)")
    con.execute("create or replace table labels as select row_index, label from examples")
    con.execute("create or replace table weights (layer int, i int, j int, value double)")
    con.execute("create or replace table biases (layer int, j int, value double)")
    for l in range(L):
        units, inputs = p.w[l].shape
        con.execute("insert into weights select ?, i, j, w[j + 1][i + 1] from (select ? as w), range(?) t(j), range(?) u(i)",
                    [l + 1, p.w[l].tolist(), units, inputs])
        con.execute("insert into biases select ?, j, b[j + 1] from (select ? as b), range(?) t(j)", [l + 1, p.b[l].tolist(), units])
    ctes = ["h0 as (select row_index, i, value from inputs)"]
    for l in range(1, L + 1):
        z = (f"select h.row_index, w.j as i, sum(h.value * w.value) + any_value(b.value) as value "
             f"from h{l - 1} h join weights w on w.layer = {l} and w.i = h.i join biases b on b.layer = {l} and b.j = w.j "
             f"group by h.row_index, w.j")
        ctes.append(f"h{l} as (select row_index, i, {'greatest(value, 0)' if l < L else 'value'} as value from ({z}))")
    ctes.append(f"top as (select row_index, max(value) as m from h{L} group by row_index)")
    ctes.append(f"lse as (select s.row_index, any_value(t.m) + ln(sum(exp(s.value - t.m))) as lse "
                f"from h{L} s join top t using (row_index) group by s.row_index)")
    ctes.append(f"dz{L} as (select s.row_index, s.i as j, exp(s.value - e.lse) - case when s.i = y.label then 1 else 0 end as value "
                f"from h{L} s join lse e using (row_index) join labels y using (row_index))")
    for l in range(L - 1, 0, -1):
        ctes.append(f"dz{l} as (select d.row_index, w.i as j, sum(d.value * w.value) * any_value(case when h.value > 0 then 1 else 0 end) as value "
                    f"from dz{l + 1} d join weights w on w.layer = {l + 1} and w.j = d.j "
                    f"join h{l} h on h.row_index = d.row_index and h.i = w.i group by d.row_index, w.i)")
    new_w = " union all ".join(
        f"select {l} as layer, w.i, w.j, any_value(w.value) - {LR} * (sum(h.value * d.value) / {p.rows} + {REG} * any_value(w.value)) as value "
        f"from weights w join h{l - 1} h on w.layer = {l} and h.i = w.i join dz{l} d on d.row_index = h.row_index and d.j = w.j "
        f"group by w.i, w.j" for l in range(1, L + 1))
    new_b = " union all ".join(
        f"select {l} as layer, b.j, any_value(b.value) - {LR} * sum(d.value) / {p.rows} as value "
        f"from biases b join dz{l} d on b.layer = {l} and d.j = b.j group by b.j" for l in range(1, L + 1))
    sql = "with " + ",\n".join(ctes) + f"\nselect 'w' as kind, layer, i, j, value from ({new_w}) union all select 'b', layer, 0, j, value from ({new_b})"

    def run():
        rows = con.execute(sql).fetchall()
        w = [np.zeros_like(m) for m in p.w]
        b = [np.zeros_like(v) for v in p.b]
        for kind, layer, i, j, value in rows:
            if kind == "w":
                w[layer - 1][j, i] = value
            else:
                b[layer - 1][j] = value
        return w, b
    return sql, run


def arrays_layout(con: duckdb.DuckDBPyConnection, p: Problem) -> tuple[str, callable, float]:
    L, dims = p.layers, p.dims
    con.execute("create or replace table state as select " + ", ".join(f"?::double[][] as w{l}, ?::double[] as b{l}" for l in range(1, L + 1)),
                [v for l in range(L) for v in (p.w[l].tolist(), p.b[l].tolist())])

    # once per block: the inputs as one list per input column, over the rows
    def build_input_columns():
        con.execute(f"create or replace table input_columns as select list(col order by i) as mat from ("
                    f"select i, list(h0[i] order by row_index) as col from examples, range(1, {dims[0]} + 1) t(i) group by i)")
    per_block, _ = best_of(1, build_input_columns)

    transposed = "".join(f", list_transform(range(1, {dims[l - 1]} + 1), lambda i: list_transform(w{l}, lambda w: w[i])) as wt{l}"
                         for l in range(2, L + 1))
    sql = f"select e.row_index, e.label, e.h0, s.*{transposed} from examples e cross join state s"
    for l in range(1, L + 1):
        pre = f"list_dot_product(h{l - 1}, wb[1]) + wb[2]"
        sql = (f"select *, list_transform(list_zip(w{l}, b{l}), lambda wb: {f'greatest({pre}, 0)' if l < L else pre}) "
               f"as {f'h{l}' if l < L else 'scores'} from ({sql})")
    sql = f"select *, list_max(scores) as top from ({sql})"
    sql = f"select *, top + ln(list_sum(list_transform(scores, lambda s: exp(s - top)))) as lse from ({sql})"
    sql = (f"select *, list_transform(scores, lambda s, c: exp(s - lse) - case when c = label + 1 then 1.0 else 0.0 end) "
           f"as dz{L} from ({sql})")
    for l in range(L - 1, 0, -1):
        sql = (f"select *, list_transform(list_zip(wt{l + 1}, h{l}), lambda wh: case when wh[2] > 0 "
               f"then list_dot_product(dz{l + 1}, wh[1]) else 0.0 end) as dz{l} from ({sql})")
    ctes = [f"per_row as materialized ({sql})"]
    for l in range(1, L + 1):
        ctes.append(f"dz_columns_{l} as (select j, list(dz{l}[j] order by row_index) as col, sum(dz{l}[j]) as gb "
                    f"from per_row, range(1, {dims[l]} + 1) t(j) group by j)")
        inputs = "select mat from input_columns" if l == 1 else (
            f"select list(col order by i) as mat from (select i, list(h{l - 1}[i] order by row_index) as col "
            f"from per_row, range(1, {dims[l - 1]} + 1) t(i) group by i)")
        ctes.append(f"inputs_{l} as ({inputs})")
        ctes.append(f"weights_{l} as (select j, w{l}[j] as w_row, b{l}[j] as b_j from state, range(1, {dims[l]} + 1) t(j))")
        ctes.append(f"updated_{l} as (select d.j, list_transform(list_zip(w.w_row, list_transform(m.mat, lambda c: list_dot_product(d.col, c))), "
                    f"lambda wg: wg[1] - {LR} * (wg[2] / {p.rows} + {REG} * wg[1])) as w_new, w.b_j - {LR} * d.gb / {p.rows} as b_new "
                    f"from dz_columns_{l} d cross join inputs_{l} m join weights_{l} w on w.j = d.j)")
    final = ", ".join(f"(select list(w_new order by j) from updated_{l}) as w{l}, (select list(b_new order by j) from updated_{l}) as b{l}"
                      for l in range(1, L + 1))
    sql = "with " + ",\n".join(ctes) + f"\nselect {final}"

    def run():
        row = con.execute(sql).fetchone()
        return [np.array(row[2 * l]) for l in range(L)], [np.array(row[2 * l + 1]) for l in range(L)]
    return sql, run, per_block


SHAPES = [(100_000, [2, 2, 2]), (1_797, [64, 32, 10]), (10_000, [784, 128, 10]), (10_000, [784, 256, 128, 10])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the two small shapes only")
    parser.add_argument("--no-long", action="store_true", help="skip the (slow) long layout")
    args = parser.parse_args()
    print("One full-batch iteration on DuckDB (2 threads) vs one numpy step in the same run; error = largest "
          "relative difference of the new parameters from numpy's.")
    print(f"{'shape':>16} {'rows':>8} {'layout':>7} {'ms/iteration':>13} {'x numpy':>8} {'per block ms':>13} "
          f"{'SQL chars':>10} {'error':>9}")
    for rows, dims in SHAPES[:2] if args.quick else SHAPES:
        p = Problem(rows, dims)
        numpy_time, _ = best_of(5, p.numpy_step)
        shape = "-".join(map(str, dims))
        print(f"{shape:>16} {rows:>8,} {'numpy':>7} {numpy_time * 1000:>13.1f}")
        with duckdb.connect() as con:
            con.execute("set threads = 2")
            load_examples(con, p)
            layouts = [] if args.no_long else [("long", *long_layout(con, p), 0.0)]
            layouts.append(("arrays", *arrays_layout(con, p)))
            for name, sql, run, per_block in layouts:
                seconds, (w, b) = best_of(2, run)
                print(f"{'':>16} {'':>8} {name:>7} {seconds * 1000:>13.1f} {seconds / numpy_time:>8.1f} "
                      f"{per_block * 1000:>13.1f} {len(sql):>10,} {p.error(w, b):>9.1e}", flush=True)


if __name__ == "__main__":
    main()
