#!/usr/bin/env python3
"""Execute the framelens notebooks headless, then run the reader check.

Run it with the Python of the notebooks' virtual environment (the Makefile's
`make notebooks` creates it from requirements.txt):

    .venv/bin/python notebooks/run.py [--data SNAPSHOT] [--out DIR] [SNAPSHOT] [NOTEBOOK ...]

Each notebook (default: every NN_*.ipynb here, in order) is executed top to
bottom with nbclient in its own directory, and the executed copy is written
to DIR (default: a new temporary directory); the sources are not modified.
A positional argument that is a directory is taken as the snapshot
(like --data). Exits 1 if any cell raises or check.py fails.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="snapshot to read (sets FRAMELENS_DATA)")
    ap.add_argument("--out", help="directory for the executed notebooks")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("notebooks", nargs="*", help="notebooks to run (default: all), or the snapshot directory")
    args = ap.parse_args()
    for a in list(args.notebooks):
        if Path(a).is_dir():
            args.data = a
            args.notebooks.remove(a)
    if args.data:
        os.environ["FRAMELENS_DATA"] = str(Path(args.data).resolve())
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="framelens-notebooks-"))
    out.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in args.notebooks] or sorted(HERE.glob("[0-9][0-9]_*.ipynb"))
    failed = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        start = time.monotonic()
        client = NotebookClient(nb, timeout=args.timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.resolve().parent)}})
        try:
            client.execute()
            status = "ok"
        except CellExecutionError as e:
            status = "FAILED"
            failed.append(path.name)
            print(str(e), file=sys.stderr)
        nbformat.write(nb, out / path.name)
        print(f"{path.name:<24} {status:<7} {time.monotonic() - start:5.1f}s  -> {out / path.name}")
    rc = subprocess.call([sys.executable, str(HERE / "check.py")])
    if failed or rc:
        print(f"failed: {', '.join(failed) or 'check.py'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
