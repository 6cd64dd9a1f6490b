"""The 2018 article's run, retraced: its exact initial weights on its 2-2-2 network and data."""
from __future__ import annotations

from neural_net_sql import reference as ref


def test_article_init_reaches_999_after_100_iterations(project):
    # The article trained on all 100,000 rows as they are: no held-out split, no standardization.
    project.train("--init", "article", "--hidden", "2", "--no-standardize", "--iterations", "100", "--holdout-fraction", "0", "--min-accuracy", "0.999")
    history = project.history()
    initial = ref.from_state(history[0], [2, 2, 2])
    for (w, b), (w_article, _) in zip(initial, ref.initial_parameters([2, 2, 2], "article")):
        assert w.tolist() == w_article.tolist() and b.tolist() == [0.0, 0.0]
    metrics = {row["split"]: row for row in project.rows("select * from nn_metrics")}
    assert set(metrics) == {"train"}
    assert metrics["train"]["examples"] == 100_000
    assert metrics["train"]["accuracy"] >= 0.999
    # and numpy, from the same weights on the same rows, lands on the same accuracy
    x, y = project.training_data()
    final, _ = ref.train(initial, x, y, "relu", 2.0, 1e-3, 100)
    assert abs(ref.accuracy(final, x, y, "relu") - metrics["train"]["accuracy"]) < 1e-12


def test_article_init_is_refused_for_other_networks(project):
    result = project.train("--init", "article", "--hidden", "3", "--iterations", "1", check=False)
    assert result.returncode != 0
    assert "init: article" in result.stderr and "hidden" in result.stderr
