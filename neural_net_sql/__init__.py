"""The Python side of the neural_net dbt project: the driver that runs dbt block by block (`neural-net-train`),
scoring from outside the warehouse (`neural-net-predict`), the model's export to JSON and ONNX, and the numpy
reference the tests check the SQL against. It holds no SQL: the network is trained by the project's models.

    train        the driver: flags -> dbt vars, the `dbt run` loop, the report
    predict      new rows scored by the project's `predict` macro, a CSV to a CSV or a table to a table
    dbt_runner   dbt run in this process: one parse per run, failures as dbt's (or the project's) own message
    files        the files a run reads and writes: a CSV checked and staged as a seed, output paths checked
    progress     each block's progress record (logged by nn_after_block) and the bar drawn from it
    model_io     the trained model as one document, written as JSON or ONNX (onnx_export)
    plot         pictures of a run: loss, decision boundary, confusion matrix
    reference    the same network and training in plain numpy
    settings_schema  settings.yml, and what is generated from it
"""
import pathlib

__version__ = "0.1.0"  # dbt_project.yml's version (tests/python/test_python_package.py checks they agree)

# The dbt project this package runs by default: the checkout it is installed from (`pip install -e .`).
PROJECT_DIR = pathlib.Path(__file__).resolve().parent.parent


def require_checkout() -> None:
    """Exit, saying so, when the package was not installed from a checkout: it reads the project's settings.yml
    and runs its dbt project, which a plain `pip install .` leaves behind."""
    if not (PROJECT_DIR / "dbt_project.yml").is_file():
        raise SystemExit(f"neural_net_sql runs the dbt project it is installed from and finds none in {PROJECT_DIR}: "
                         f"install it from a checkout of the repository with `pip install -e <checkout>`")
