"""Train a neural network in SQL with dbt, block by block, then test it and report its accuracy.

    neural-net-train                                   # the 2018 article's network and data, on DuckDB
    neural-net-train --iterations 1000 --hidden 8,8 --activation tanh --export model.json
    neural-net-train --data my.csv --features a,b,c --label class
    neural-net-train --input-relation analytics.customers --features age,spend --label churned
    neural-net-train --project-dir . --network churn   # a network of your dbt project

(`python scripts/train.py ...` is the same program, for a checkout where the package is not installed.)
It holds no SQL. It turns flags into dbt vars, then runs dbt in this process, parsing the project once
(without the settings: parse_vars), then checking the connection and the settings in one command
(`dbt run-operation nn_check_connection --args '{settings: true}'`):
  1. `dbt seed` when the example data (or the --data CSV) is not loaded yet,
  2. `dbt run -s nn_examples` (with --network, `1+nn_examples`: the network's model too): reads and checks the input,
  3. `dbt run -s nn_training` again and again: each run appends up to --block-size iterations, and its
     post-hook logs a progress record (neural_net_sql.progress) that the bar draws,
  4. `dbt run -s nn_model+,package:neural_net` and `dbt test -s package:neural_net`: predictions, metrics, and the project's data tests,
  5. `dbt show -s nn_accuracy`: the analysis it prints; --export and --plot read nn_model and analyses/.
With --train-only it stops after step 3: the history (nn_training) holds the trained parameters, and the next
run without it does steps 4-5 (so does `dbt build -s nn_model+` given the same vars, but for the report).
Any dbt failure stops it with dbt's own message and exit code 1.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import sys

from neural_net_sql import PROJECT_DIR, require_checkout, settings_schema
from neural_net_sql.dbt_runner import Dbt, DbtFailure, JvmOutput, check_connection
from neural_net_sql.files import check_writable, load_csv
from neural_net_sql.model_io import model_document, write_model
from neural_net_sql.progress import ProgressBar


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    # allow_abbrev=False: a prefix of a flag is refused, not taken for the one flag it happens to start today
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter, allow_abbrev=False)
    data = p.add_argument_group("data")
    data.add_argument("--data", type=pathlib.Path, help="a CSV file to train on (loaded with dbt seed)")
    groups = {"data": data}
    for name, setting in settings_schema.load().items():  # a flag per setting the driver passes on (settings.yml)
        if setting["flag"]:
            if setting["group"] not in groups:
                groups[setting["group"]] = p.add_argument_group(f"{setting['group']} (each flag sets the dbt var of its name)")
            groups[setting["group"]].add_argument(settings_schema.flag_name(name), **setting_flag(name, setting))
    run = p.add_argument_group("run")
    run.add_argument("--network", help="train this network of the project: a model whose config has meta.neural_net "
                                       "(var nn_network; the flags above then set nn_-prefixed vars, which win over "
                                       "the model's meta)")
    run.add_argument("--project-dir", type=pathlib.Path, default=PROJECT_DIR,
                     help="the dbt project to run: another project that installs this one as a package (default: this one)")
    run.add_argument("--target", help="dbt target in profiles.yml (default: its default, duckdb)")
    run.add_argument("--full-refresh", action="store_true", help="discard the trained history and start again")
    run.add_argument("--skip-tests", action="store_true", help="do not run dbt test after training")
    run.add_argument("--train-only", action="store_true", help="stop once the history (nn_training) is trained: no "
                     "nn_model, predictions, metrics, tests or report")
    run.add_argument("--verbose", action="store_true", help="print each dbt command to stderr as it starts")
    run.add_argument("--export", type=pathlib.Path, help="write the trained model to this file: JSON, or ONNX when it "
                                                         "ends in .onnx (neural_net_sql/onnx_export.py)")
    run.add_argument("--plot", type=pathlib.Path, help="draw the loss curve, the predictions and (a classification) the "
                                                       "confusion matrix to this PNG")
    run.add_argument("--vars", help="more dbt vars, as YAML/JSON, e.g. '{features: [a, b]}'")
    return p.parse_args(argv)


def setting_flag(name: str, setting: dict) -> dict:
    """argparse's arguments for a setting's flag: its type, and its meaning (markdown made plain) as help."""
    plain = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", setting["meaning"] + settings_schema.allowed_text(setting)).replace("`", "").replace("%", "%%")
    help_text = f"{plain}; default {settings_schema.default_text(setting).replace('`', '')} (var {name})"
    if setting["type"] == "boolean":
        return {"action": argparse.BooleanOptionalAction, "help": help_text}
    if setting["type"] in ("columns", "layers"):
        help_text = f"comma-separated: {'8,8' if setting['type'] == 'layers' else 'a,b'}. " + help_text
    return {"type": {"integer": int, "number": float}.get(setting["type"], str), "help": help_text}


def dbt_vars(args: argparse.Namespace) -> dict:
    """The dbt vars the flags set; an unset flag leaves the setting's default (nn_default_settings) or, with
    --network, the network model's own in force."""
    import yaml

    try:
        out = yaml.safe_load(args.vars) if args.vars else {}
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f" at column {where.column + 1}" if where else ""
        raise SystemExit(f"--vars is not valid YAML: {getattr(error, 'problem', None) or error}{at} of {args.vars!r}") from None
    if not isinstance(out, dict):
        raise SystemExit(f"--vars must be a mapping such as '{{lr: 1.0}}'; got {args.vars!r}")
    split = lambda text: [item.strip() for item in text.split(",") if item.strip()]  # noqa: E731
    flags = {}
    for name, setting in settings_schema.load().items():
        value = getattr(args, name, None) if setting["flag"] else None
        if value is None:
            continue
        if setting["type"] == "columns":
            value = split(value)
        elif setting["type"] == "layers":
            try:
                value = [int(size) for size in split(value)]
            except ValueError:
                pass  # dbt refuses it with a message naming the setting
        flags[name] = value
    if args.network is not None:  # a named network's settings: namespaced vars, which win over its model's meta
        bare = sorted(set(out) & setting_names())
        if bare:
            raise SystemExit(f"--vars with --network: a named network reads its settings from nn_-prefixed vars; write "
                             f"{', '.join('nn_' + name for name in bare)} instead of {', '.join(bare)}")
        flags = {f"nn_{name}": value for name, value in flags.items()}
        flags["nn_network"] = args.network
    out.update(flags)
    return out


def setting_names() -> set[str]:
    """The settings' names (settings.yml)."""
    return set(settings_schema.load())


def train(args: argparse.Namespace) -> int:
    if args.network is not None and (args.data is not None or args.input_relation is not None):
        raise SystemExit("--data and --input-relation do not apply to --network: the network's model is its input")
    if args.train_only:
        needs_model = [flag for flag, value in (("--export", args.export), ("--plot", args.plot),
                                                ("--min-accuracy", args.min_accuracy), ("--min-r2", args.min_r2))
                       if value is not None]
        if needs_model:
            raise SystemExit(f"{', '.join(needs_model)} need the trained model and its tests, which --train-only "
                             f"does not build: drop one or the other")
    variables = dbt_vars(args)
    check_writable(args.export, "--export")
    check_writable(args.plot, "--plot")
    staged = None
    if args.data is not None:
        seed, staged = load_csv(variables, args.data, args.target, args.project_dir)
    jvm = JvmOutput(args.project_dir / "logs" / "spark-jvm.log") if args.target == "spark" else None
    try:
        dbt = Dbt(variables, args.target, args.verbose, args.project_dir)
        check_connection(dbt, args.target, jvm, settings=args.network is None)
        refresh = ["--full-refresh"] if args.full_refresh else []

        if args.network is not None:  # a network (refused by name before anything is built), then its model
            dbt.run("run-operation", "neural_net.nn_require_network", "--args", json.dumps({"network": args.network}), quiet=True)
            dbt.run("run", "--select", "1+nn_examples")
        elif args.data is not None:
            dbt.run("seed", "--select", seed, "--full-refresh")
            staged.release()
        elif "input_relation" not in variables:
            try:
                dbt.run("run-operation", "nn_require_relation", "--args", "{name: points}", quiet=True)
            except DbtFailure:
                print("loading the example data set (dbt seed)...", file=sys.stderr)
                dbt.run("seed", "--select", "points")
        if args.network is None:
            dbt.run("run", "--select", "nn_examples")

        bar = ProgressBar()
        progress = None
        while True:
            try:
                dbt.run("run", "--select", "nn_training", *(refresh if progress is None else []))
            except DbtFailure as failure:
                failure = float_range_failure(dbt, variables, failure, progress, refresh)
                if failure is not None:
                    raise failure from None
            if not dbt.progress:
                raise DbtFailure("nn_training logged no progress record; is its post-hook in place?")
            previous, progress = progress, dbt.progress[-1]
            if previous is None and progress.iteration > progress.target:
                print(f"already trained past the target: iteration {progress.iteration} >= {progress.target}", file=sys.stderr)
                break
            bar.update(progress)
            if progress.finished:
                break
            if previous is not None and progress.iteration == previous.iteration:
                raise DbtFailure(f"training made no progress past iteration {progress.iteration}")
        bar.close()
        if progress.stopped_early:
            print(progress.stopped_early_text(), file=sys.stderr)
        if args.train_only:
            print(f"trained to iteration {progress.iteration}; the history is nn_training (nn_model and its tests are "
                  f"built by a run without --train-only)", file=sys.stderr)
            return 0

        # not the models of a project that scores with it; its run_results.json is dbt's record of the build
        dbt.run("run", "--select", "nn_model+,package:neural_net", artifacts=True)
        if not args.skip_tests:
            run_tests(dbt)
        report(dbt.show("nn_accuracy"), args)
        if args.export or args.plot:
            history = dbt.show("nn_loss_history")
            if args.export:
                plan, inputs, outputs = (dbt.show_inline(f"select * from {{{{ ref('{name}') }}}}") for name in ("nn_plan", "nn_inputs", "nn_outputs"))
                write_model(model_document(dbt.show("nn_model_parameters")[0], history, plan[0], inputs, outputs), args.export)
            if args.plot:
                from neural_net_sql.plot import plot

                plot(history, dbt.show("nn_decision_grid"), dbt.show("nn_prediction_sample", limit=3000), args.plot,
                     dbt.show("nn_confusion_matrix"))
                print(f"Plot of the loss, the decision boundary and (a classification) the confusion matrix: {args.plot}")
        return 0
    except DbtFailure as failure:
        print(f"\nerror: {failure}{network_hint(args.network, failure)}", file=sys.stderr)
        return 1
    finally:
        if staged:
            staged.release()
        if jvm:
            jvm.close()


# What the metric tests require, as their own query says it (macros/tests/nn_metric_shortfall.sql).
SHORTFALL = "{{{{ neural_net.nn_metric_shortfall(ref('nn_metrics'), '{0}', '{1}', '{2}') }}}}"
METRIC_TESTS = [("accuracy", "min_accuracy", "classification"), ("r2", "min_r2", "regression")]


# PostgreSQL's error where a float operation overflows to infinity or underflows to 0 (the other engines carry the
# infinity, or the 0, on: a block keeps its finite iterations, and nn_after_block names the first other one).
FLOAT_RANGE_ERROR = re.compile(r"value out of range: (overflow|underflow)")
POSTGRES_BLOCK_SIZE = 10  # postgres__nn_engine_capabilities' default_block_size


def float_range_failure(dbt: Dbt, variables: dict, failure: DbtFailure, progress, refresh: list[str]) -> DbtFailure | None:
    """A block failed. Where PostgreSQL refused a float out of its range, the whole block's iterations are lost
    with it: the block is trained again one iteration per run, keeping each iteration that does not raise, and
    the failure names the one that does, as nn_after_block names a non-finite one on the other engines. None
    when the block's iterations all trained one at a time (training goes on in blocks), or training finished
    (early stopping can, before the iteration the block raised at). Any other failure is returned as it is."""
    error = FLOAT_RANGE_ERROR.search(str(failure))
    if error is None:
        return failure
    prefix = "nn_" if "nn_network" in variables else ""  # a named network's settings are nn_-prefixed vars
    one_at_a_time = {**variables, f"{prefix}block_size": 1}
    print(f"a float went out of PostgreSQL's range ({error[0]}): training the block again one iteration per run, "
          f"to keep its iterations before that one", file=sys.stderr)
    kept = None if progress is None else progress.iteration
    # the block's size as the vars give it (a size set elsewhere, in the model's meta, is not known here: after
    # this many iterations training goes back to blocks, and a block that raises again comes back here)
    for _ in range(variables.get(f"{prefix}block_size") or POSTGRES_BLOCK_SIZE):
        runs = len(dbt.progress)
        try:
            dbt.run("run", "--select", "nn_training", *(refresh if kept is None else []), vars_=one_at_a_time)
        except DbtFailure as again:
            error = FLOAT_RANGE_ERROR.search(str(again))
            if error is None:
                return again
            break
        if len(dbt.progress) == runs or dbt.progress[-1].iteration == kept:
            return DbtFailure(f"training made no progress past iteration {kept}")
        kept = dbt.progress[-1].iteration
        if dbt.progress[-1].finished:
            return None
    else:
        return None  # every iteration of the block trained, one at a time: back to blocks
    where = "the first iteration this run trained" if kept is None else f"iteration {kept + 1}"
    kept_text = ("nn_training keeps what it held before this run, if anything" if kept is None else
                 f"Iterations 0..{kept} are kept in nn_training")
    lr = f"lr (now {variables[prefix + 'lr']})" if prefix + "lr" in variables else "lr"
    if error[1] == "overflow":
        return DbtFailure(f"training diverged: {where} overflowed a float, which PostgreSQL refuses ({error[0]}; the other "
                          f"engines carry the infinity on, so this can come iterations before a parameter is not finite "
                          f"there). {kept_text}. Lower {lr} and run with --full-refresh.")
    return DbtFailure(f"training stopped: {where} underflowed a float to 0, which PostgreSQL refuses ({error[0]}; the other "
                      f"engines carry the 0 on). {kept_text}. Features of very different scales do this: standardize them "
                      f"(standardize: true), or train this network on another engine.")


def run_tests(dbt: Dbt) -> None:
    """The project's data tests; when a metric test fails, the error says what was reached and what was
    required (dbt itself says only "Got 1 result")."""
    try:
        dbt.run("test", "--select", "package:neural_net", artifacts=True)
    except DbtFailure as failure:
        if "metric_at_least" not in str(failure):
            raise
        problems = [str(row["problem"]) for metric in METRIC_TESTS
                    for row in dbt.show_inline(SHORTFALL.format(*metric))]
        raise DbtFailure("\n".join([str(failure), *problems])) from None


def network_hint(network: str | None, failure: DbtFailure) -> str:
    """dbt, parsing, names a --network that is no model of the project as a missing node: say what one is."""
    if network is not None and f"depends on a node named '{network}' which was not found" in str(failure):
        return (f"\nno network named {network}: the project has no model of that name (a network is a model whose "
                f"config has meta={{'neural_net': {{...}}}})")
    return ""


def report(rows: list[dict], args: argparse.Namespace) -> None:
    print()
    w = max([8, *(len(row["split"]) + 1 for row in rows)])  # "validation" with early stopping
    if rows and "r2" in rows[0]:  # a regression
        # baseline: the R² of always answering the training rows' mean
        print(f"{'split':<{w}} {'iteration':>9} {'examples':>9} {'RMSE':>12} {'MAE':>12} {'R²':>8} {'baseline':>9}")
        for row in rows:
            r2, baseline = ("" if row[k] is None else f"{row[k]:.4f}" for k in ("r2", "baseline_r2"))
            print(f"{row['split']:<{w}} {row['iteration']:>9} {row['examples']:>9} {row['rmse']:>12.6g} {row['mae']:>12.6g} "
                  f"{r2:>8} {baseline:>9}")
    else:
        # baseline: the accuracy of always answering the training rows' most frequent class
        print(f"{'split':<{w}} {'iteration':>9} {'examples':>9} {'accuracy':>9} {'log loss':>9} {'errors':>7} {'baseline':>9}")
        for row in rows:
            print(f"{row['split']:<{w}} {row['iteration']:>9} {row['examples']:>9} {row['accuracy']:>9.2%} "
                  f"{row['log_loss']:>9.5f} {row['misclassified'] or 0:>7} {row['baseline_accuracy']:>9.2%}")
    where = os.environ.get("NN_DUCKDB_PATH") if not args.target or args.target == "duckdb" else f"target {args.target}"
    if args.network is not None:
        where = f"network {args.network}'s schema" + (f", {where}" if where else "")
    print(f"\nThe trained model is the table nn_model (history: nn_training), in {where}.")
    if args.export:
        print(f"Exported to {args.export}.")


def main(argv: list[str] | None = None) -> int:
    require_checkout()
    return train(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
