"""The trained model out of the warehouse: one document (layers, preprocessing, classes or target scale, the
settings and the loss history), built from the rows of the project's own relations and written as JSON or
ONNX. It reads the parameters through the analysis nn_model_parameters, which gives the same arrays in either
layout."""
from __future__ import annotations

import json
import pathlib


def model_document(parameters: dict, history: list[dict], plan: dict, inputs: list[dict], outputs: list[dict]) -> dict:
    """The model as one document: input i of the network is (feature_i - center_i) / scale_i, a NULL feature
    replaced by impute_i first (preprocessing); weights[i][j] connects input i to unit j of the layer (h = x @ W
    + b). A classification's outputs are the scores of `classes` (softmax); a regression's one output times
    target.std plus target.mean is the predicted value. `parameters` is the row of the analysis
    nn_model_parameters (each stored array as text); the shape, preprocessing and classes are read from the
    model's nn_plan, nn_inputs and nn_outputs (one row of the first, every row of the others); `settings` is
    the history's record of the settings it was trained with (nn_model.run_settings)."""
    settings = json.loads(parameters["run_settings"])
    dims = [int(plan["inputs"]), *(int(size) for size in (plan["hidden"] or "").split(",") if size), int(plan["outputs"])]
    outputs = sorted(outputs, key=lambda row: row["output_index"])
    regression = plan["task"] == "regression"
    layers = []
    for l in range(1, len(dims)):
        weights = json.loads(parameters[f"w{l}"])  # unit by unit: unit j's incoming weights from j * dims[l-1]
        layers.append({"weights": [weights[i::dims[l - 1]] for i in range(dims[l - 1])],
                       "bias": json.loads(parameters[f"b{l}"])})
    preprocessing = stored_preprocessing(inputs)
    return {
        "features": [feature["name"] for feature in preprocessing],
        "label": plan["label"],
        "task": plan["task"],
        "classes": None if regression else [row["class_value"] for row in outputs] if outputs[0]["class_value"] is not None
        else list(range(dims[-1])),
        "target": {"mean": outputs[0]["target_mean"], "std": outputs[0]["target_std"]} if regression else None,
        "activation": plan["activation"],
        "preprocessing": preprocessing,
        "layers": layers,
        "iteration": int(parameters["iteration"]),
        "settings": settings,
        "history": [
            {"iteration": int(row["iteration"]), "loss": row["loss"], "train_accuracy": row["train_accuracy"],
             **({"validation_loss": row["validation_loss"]} if "validation_loss" in row else {})}
            for row in sorted(history, key=lambda row: row["iteration"])
        ],
    }


def write_model(document: dict, path: pathlib.Path) -> None:
    """The document as JSON, or as an ONNX graph of the network and its preprocessing when the file name ends in
    .onnx (neural_net_sql.onnx_export)."""
    if path.suffix.lower() == ".onnx":
        from neural_net_sql.onnx_export import write

        write(document, path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n")


def stored_preprocessing(inputs: list[dict]) -> list[dict]:
    """The preprocessing of each feature, as nn_preprocessing fitted it, from the rows of a model's nn_inputs (one
    per input of the network; macros/plan/nn_inputs_query.sql): a number's {name, kind: numeric, mean, std,
    impute, center, scale, minimum, maximum}; a category's {name, kind: categorical, levels, pooled_levels, null_level}."""
    features: list[dict] = []
    for row in sorted(inputs, key=lambda row: row["input_index"]):
        if int(row["feature_index"]) == len(features):  # the feature's first input
            features.append({"name": row["feature"], "kind": "numeric", **{k: row[k] for k in ("mean", "std", "impute", "center", "scale", "minimum", "maximum")}}
                            if row["kind"] == "number" else
                            {"name": row["feature"], "kind": "categorical", "levels": [], "pooled_levels": 0, "null_level": False})
        feature = features[-1]
        if row["kind"] == "level":
            feature["levels"].append(row["level"])
        elif row["kind"] == "other":
            feature["pooled_levels"] = int(row["levels_pooled"])
        elif row["kind"] == "missing":
            feature["null_level"] = True
    return features


