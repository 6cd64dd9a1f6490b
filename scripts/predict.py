"""`neural-net-predict` for a checkout where the package is not installed: python scripts/predict.py --help."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from neural_net_sql.predict import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
