#!/usr/bin/env python3
"""Execute the framelens notebooks headless, then run the reader check.

Run it with the Python of the notebooks' virtual environment (the Makefile's
`make notebooks` creates it from requirements.txt):

    .venv/bin/python notebooks/run.py [--data SNAPSHOT] [--out DIR] [--skip-check] [SNAPSHOT] [NOTEBOOK ...]
    .venv/bin/python notebooks/run.py --strip      # remove outputs from the committed notebooks

Each notebook (default: every NN_*.ipynb here, in order) is executed top to
bottom with nbclient; the sources are never modified. The executed copies and
their figures (PNG, in DIR/figures, passed to the kernel as FRAMELENS_FIGURES)
go to DIR: by default <data root>/notebooks/<run id> when the snapshot lies in
<data root>/datasets/, otherwise a new temporary directory. Nothing is written
into notebooks/. A positional argument that is a directory is taken as the
snapshot (like --data). Exits 1 if any cell raises or check.py fails.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent


def default_out(snapshot):
    """<data root>/notebooks/<run id> for a snapshot under <data root>/datasets/, else a temp dir."""
    snap = snapshot.resolve()
    if not (snap / "_manifest.json").exists() and (snap / "current" / "_manifest.json").exists():
        snap = (snap / "current").resolve()
    for parent in snap.parents:
        if parent.name == "datasets":
            run_id = json.loads((snap / "_manifest.json").read_text(encoding="utf-8"))["run_id"]
            return parent.parent / "notebooks" / run_id
    return Path(tempfile.mkdtemp(prefix="framelens-notebooks-"))


def strip(paths):
    """Remove outputs and execution counts from the notebooks, in place."""
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        changed = False
        for cell in nb.cells:
            if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
                cell.outputs, cell.execution_count, changed = [], None, True
            if cell.metadata.pop("execution", None) is not None:
                changed = True
        if changed:
            nbformat.write(nb, path)
        print(f"{path.name:<24} {'stripped' if changed else 'clean'}")


def has_outputs(nb):
    return any(c.cell_type == "code" and (c.outputs or c.execution_count is not None) for c in nb.cells)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="snapshot to read (sets FRAMELENS_DATA)")
    ap.add_argument("--out", help="directory for the executed notebooks and their figures")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    ap.add_argument("--skip-check", action="store_true", help="do not run check.py afterwards")
    ap.add_argument("--strip", action="store_true", help="strip outputs from the notebooks and exit")
    ap.add_argument("notebooks", nargs="*", help="notebooks to run (default: all), or the snapshot directory")
    args = ap.parse_args()
    for a in list(args.notebooks):
        if Path(a).is_dir():
            args.data = a
            args.notebooks.remove(a)
    paths = [Path(p).resolve() for p in args.notebooks] or sorted(HERE.glob("[0-9][0-9]_*.ipynb"))
    if args.strip:
        strip(paths)
        return 0

    if args.data:
        os.environ["FRAMELENS_DATA"] = str(Path(args.data).resolve())
    sys.path.insert(0, str(HERE))
    import framelens_data as fd
    try:
        snapshot = fd.data_root()
    except FileNotFoundError as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 1
    out = (Path(args.out) if args.out else default_out(snapshot)).resolve()
    if out == HERE or HERE in out.parents:
        print(f"run.py: --out {out} is inside notebooks/; choose a directory outside it", file=sys.stderr)
        return 1
    figures = out / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    # The kernel inherits this environment: the snapshot, where figures go, the
    # helpers on the path (the kernel runs in `out`, not here), Agg, no .pyc in notebooks/.
    os.environ["FRAMELENS_DATA"] = str(snapshot)
    os.environ["FRAMELENS_FIGURES"] = str(figures)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))
    os.environ["MPLBACKEND"] = "Agg"
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    print(f"snapshot {snapshot}\noutput   {out}")

    # IPC sockets (not TCP on localhost): files named after `ip`, kept in a temp dir.
    ipc = tempfile.TemporaryDirectory(prefix="framelens-kernel-")
    failed = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if has_outputs(nb):
            print(f"warning: {path.name} has saved outputs; run `run.py --strip` before committing", file=sys.stderr)
        start = time.monotonic()
        km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(ipc.name, path.stem))
        client = NotebookClient(nb, km=km, timeout=args.timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(out)}})
        try:
            client.execute()
            status = "ok"
        except CellExecutionError as e:
            status = "FAILED"
            failed.append(path.name)
            print(str(e), file=sys.stderr)
        except Exception as e:  # kernel died, timeout, ...: still report every notebook
            status = "FAILED"
            failed.append(path.name)
            print(f"{path.name}: {type(e).__name__}: {e}", file=sys.stderr)
        finally:
            if km.has_kernel:  # nbclient shuts down only kernels it started itself
                km.shutdown_kernel(now=False)
        nbformat.write(nb, out / path.name)
        print(f"{path.name:<24} {status:<7} {time.monotonic() - start:5.1f}s  -> {out / path.name}")
    pngs = sorted(figures.glob("*.png"))
    print(f"{len(pngs)} figures in {figures}")

    rc = 0 if args.skip_check else subprocess.call([sys.executable, str(HERE / "check.py"), str(snapshot)])
    if failed or rc:
        print(f"run.py: failed: {', '.join(failed + (['check.py'] if rc else []))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
