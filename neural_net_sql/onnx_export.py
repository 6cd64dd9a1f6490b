"""The trained network, its preprocessing included, as an ONNX graph in float64: `neural-net-train --export
model.onnx` writes it from the same document as the JSON export, and onnxruntime serves it.

Inputs: one per feature, named after it, shape [N, 1]: float64 for a numeric feature (NaN for a missing
value), string for a categorical one (the value as text, as nn_examples casts it: 'true' / 'false' for a
boolean; the empty string for a missing value). The graph applies what the SQL applies:
    numeric        x -> (x, or impute when NaN, - center) / scale
    categorical    one 0/1 input per level, then "other" (any other non-empty value) when levels were pooled,
                   then "missing" (the empty string) when the model has that level
then the layers (h = act(h W + b)), and outputs
    classification  `prediction`, the label value of the most probable class (the first on a tie, as the SQL),
                    and `probabilities`, [N, classes], the softmax of the scores
    regression      `prediction`, the output times the target's std plus its mean
"""
from __future__ import annotations

import pathlib

import numpy as np

OPSET = 19  # Equal compares strings from opset 19 on
ACTIVATIONS = {"relu": "Relu", "tanh": "Tanh", "sigmoid": "Sigmoid"}


def build(document: dict):
    """An onnx.ModelProto from the export document (neural_net_sql.model_io.model_document)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes, inputs, initializers = [], [], []

    def constant(name: str, value) -> str:
        initializers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(op: str, inputs_: list[str], output: str, **attributes) -> str:
        nodes.append(helper.make_node(op, inputs_, [output], **attributes))
        return output

    network_inputs = []
    for i, feature in enumerate(document["preprocessing"]):
        name = feature["name"]
        if feature["kind"] == "numeric":
            inputs.append(helper.make_tensor_value_info(name, TensorProto.DOUBLE, ["N", 1]))
            x = name
            if feature["impute"] is not None:
                x = node("Where", [node("IsNaN", [name], f"{name}_is_nan"), constant(f"{name}_impute", np.array([feature["impute"]])), name],
                         f"{name}_imputed")
            x = node("Sub", [x, constant(f"{name}_center", np.array([feature["center"]]))], f"{name}_centered")
            network_inputs.append(node("Div", [x, constant(f"{name}_scale", np.array([feature["scale"]]))], f"input_{i}"))
            continue
        inputs.append(helper.make_tensor_value_info(name, TensorProto.STRING, ["N", 1]))
        matches = []
        for j, level in enumerate(feature["levels"]):
            matches.append(node("Equal", [name, constant(f"{name}_level_{j}", np.array([level], dtype=object))], f"{name}_is_{j}"))
        missing = node("Equal", [name, constant(f"{name}_missing", np.array([""], dtype=object))], f"{name}_is_missing")
        indicators = list(matches)
        if feature["pooled_levels"] > 0:
            known = missing
            for j, match in enumerate(matches):
                known = node("Or", [known, match], f"{name}_known_{j}")
            indicators.append(node("Not", [known], f"{name}_is_other"))
        if feature["null_level"]:
            indicators.append(missing)
        for j, indicator in enumerate(indicators):
            network_inputs.append(node("Cast", [indicator], f"input_{i}_{j}", to=TensorProto.DOUBLE))

    h = node("Concat", network_inputs, "h0", axis=1)
    layers = document["layers"]
    for l, layer in enumerate(layers, start=1):
        z = node("Add", [node("MatMul", [h, constant(f"w{l}", np.array(layer["weights"], dtype=np.float64))], f"z{l}_weighted"),
                         constant(f"b{l}", np.array(layer["bias"], dtype=np.float64))], f"z{l}")
        h = z if l == len(layers) else node(ACTIVATIONS[document["activation"]], [z], f"h{l}")

    if document["task"] == "regression":
        target = document["target"]
        scaled = node("Mul", [h, constant("target_std", np.array([target["std"]]))], "scaled")
        value = node("Add", [scaled, constant("target_mean", np.array([target["mean"]]))], "value")
        node("Flatten", [value], "prediction_column", axis=1)
        node("Squeeze", ["prediction_column", constant("axis_1", np.array([1], dtype=np.int64))], "prediction")
        outputs = [helper.make_tensor_value_info("prediction", TensorProto.DOUBLE, ["N"])]
    else:
        classes = document["classes"]
        node("Softmax", [h], "probabilities", axis=1)
        index = node("ArgMax", [h], "predicted_class", axis=1, keepdims=0, select_last_index=0)
        text = any(isinstance(c, str) for c in classes)
        labels = np.array(classes, dtype=object if text else np.int64)
        node("Gather", [constant("classes", labels), index], "prediction", axis=0)
        outputs = [helper.make_tensor_value_info("prediction", TensorProto.STRING if text else TensorProto.INT64, ["N"]),
                   helper.make_tensor_value_info("probabilities", TensorProto.DOUBLE, ["N", len(classes)])]

    graph = helper.make_graph(nodes, "neural_net", inputs, outputs, initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="neural_net (dbt)")
    model.ir_version = 9  # opset 19 needs IR version 9 (onnxruntime 1.15 and later)
    onnx.checker.check_model(model, full_check=True)
    return model


def write(document: dict, path: pathlib.Path) -> None:
    import onnx

    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(build(document), str(path))
