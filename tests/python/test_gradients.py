"""The gradient the SQL descends along agrees with finite differences of the loss.

One SQL step with lr = 1 moves each parameter by exactly minus its gradient (L2 term included), so the SQL's
gradient is (initial - after one step). It is compared with central differences of the same loss in numpy,
whose value is checked against the loss the SQL reports."""
from __future__ import annotations

import numpy as np
import pytest

from neural_net_sql import reference as ref
from conftest import blobs, write_csv


# 2-48-6-3 has 459 parameters: `auto` computes its gradient in the arrays layout (nn_layout)
@pytest.mark.parametrize("activation,hidden", [("tanh", [3, 2]), ("sigmoid", [4]), ("relu", [3]), ("tanh", [48, 6])])
def test_sql_gradient_matches_finite_differences(project, tmp_path, activation, hidden):
    csv = write_csv(tmp_path / "blobs.csv", blobs(300, 2, 3, seed=11))
    reg = 0.01
    project.train("--data", str(csv), "--features", "f0,f1", "--label", "cls", "--activation", activation,
                  "--hidden", ",".join(map(str, hidden)), "--lr", "1.0", "--reg", str(reg), "--iterations", "1",
                  "--train-only")
    dims = [2, *hidden, 3]
    before, after = (ref.from_state(row, dims) for row in project.history())
    sql_gradient = [(w0 - w1, b0 - b1) for (w0, b0), (w1, b1) in zip(before, after)]
    x_raw, y = project.training_data()
    x = ref.preprocess(x_raw, ref.fit_preprocessing(x_raw))

    # the loss the SQL measured in that step is numpy's loss of the same parameters
    assert project.history()[1]["loss"] == pytest.approx(ref.loss(before, x, y, activation, reg), rel=1e-12)

    eps = 1e-6
    checked = 0
    for layer, (w, b) in enumerate(before):
        for array, grads in ((w, sql_gradient[layer][0]), (b, sql_gradient[layer][1])):
            for index in np.ndindex(array.shape):
                plus = [(pw.copy(), pb.copy()) for pw, pb in before]
                minus = [(pw.copy(), pb.copy()) for pw, pb in before]
                target_plus = plus[layer][0] if array is w else plus[layer][1]
                target_minus = minus[layer][0] if array is w else minus[layer][1]
                target_plus[index] += eps
                target_minus[index] -= eps
                numeric = (ref.loss(plus, x, y, activation, reg) - ref.loss(minus, x, y, activation, reg)) / (2 * eps)
                assert grads[index] == pytest.approx(numeric, rel=1e-5, abs=1e-8), (layer, index)
                checked += 1
    assert checked == sum(a * b + b for a, b in zip(dims, dims[1:]))
