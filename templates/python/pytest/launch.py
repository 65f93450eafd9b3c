"""
patchproof's pytest launcher, run from the project's folder as

    python3 -I -B -u /opt/patchproof/pytest/launch.py RECORD [pytest arguments...]

-I (isolated) keeps the working directory, every PYTHON* variable and the user site off
sys.path, so pytest, its plugins, pluggy, coverage, pytest-cov and the witness are imported
here from the image (root-owned, outside /workspace) before the project's folder is put first
on sys.path, where `python -m pytest` puts it. A project's pytest.py, _pytest/, pluggy.py,
coverage/, pytest_cov.py or sitecustomize.py is never imported in their place: the runner's
top-level packages are already in sys.modules, and their submodules are found through those
packages' own __path__. -B and -u stand in for PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED,
which -I ignores (the variables stay set for any Python the tests start).

What this does not do: the tests still run in this process, so a conftest.py or a test can
patch anything loaded here. The witness (witness.py) says what that means for the record.
"""
import importlib
import importlib.util
import os
import sys

HERE = "/opt/patchproof/pytest"

# Loaded by their top-level name while the project folder is not on sys.path yet. The
# builtin plugin modules are imported too, so the standard modules they import (xml.etree,
# json, sqlite3 for coverage...) are the standard library's, not a project file of that name.
RUNNER = ("pytest", "_pytest", "pluggy", "py", "iniconfig", "packaging", "attr", "coverage", "pytest_cov")
SUBMODULES = (
    "_pytest.pytester", "_pytest.junitxml", "_pytest.skipping", "_pytest.outcomes", "_pytest.runner",
    "pytest_cov.plugin", "pytest_cov.embed", "pytest_cov.engine", "pytest_cov.compat",
    "coverage.control", "coverage.xmlreport", "coverage.summary", "coverage.sqldata", "coverage.tomlconfig",
)


def load_runner():
    for name in RUNNER:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # an optional dependency this pytest does not use
    from _pytest.config import default_plugins

    for name in ["_pytest." + p for p in default_plugins] + list(SUBMODULES):
        importlib.import_module(name)


def load_witness(record):
    spec = importlib.util.spec_from_file_location("_patchproof_pytest_witness", os.path.join(HERE, "witness.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.Witness(os.path.abspath(record))


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: launch.py RECORD [pytest arguments...]\n")
        return 4
    record, args = sys.argv[1], sys.argv[2:]
    load_runner()
    witness = load_witness(record)
    import pytest

    # As `python -m pytest` leaves them: the project folder first on sys.path, argv[0] pytest's.
    sys.path.insert(0, os.getcwd())
    sys.argv = [os.path.join(os.path.dirname(pytest.__file__), "__main__.py")] + args
    # An object, not a -p module name: a project's `-p no:<name>` cannot block it by name.
    code = pytest.main(args, plugins=[witness])
    sys.stdout.flush()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
