"""Helpers shared by the framelens notebooks.

Where the data is, loading the tables a snapshot's manifest lists, and the
interval estimates the notebooks use. Only pandas, numpy and pyarrow.

Figures are saved as PNG with savefig() into FRAMELENS_FIGURES, or a
figures/ folder next to the notebook (the kernel's working directory).

The data root is the environment variable FRAMELENS_DATA, or
../data/datasets/current relative to this directory. It may name a snapshot
(the directory holding _manifest.json) or a data root holding `current`.
Tables are read from the files the manifest lists, never by globbing, so a
notebook sees exactly the published snapshot.
"""

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent


def data_root():
    """Return the snapshot directory the notebooks read."""
    env = os.environ.get("FRAMELENS_DATA")
    root = Path(env) if env else HERE / ".." / "data" / "datasets" / "current"
    if not (root / "_manifest.json").exists() and (root / "current" / "_manifest.json").exists():
        root = root / "current"
    root = root.resolve()
    if not (root / "_manifest.json").exists():
        raise FileNotFoundError(
            f"no _manifest.json in {root}: set FRAMELENS_DATA to a published snapshot "
            "(e.g. data/datasets/current after `make demo`)")
    return root


def manifest(root=None):
    """Return the snapshot's manifest as a dict."""
    root = Path(root) if root else data_root()
    with open(root / "_manifest.json", encoding="utf-8") as f:
        return json.load(f)


def tables(root=None):
    """Return the names of the tables in the snapshot."""
    return [t["name"] for t in manifest(root)["tables"]]


def load(name, columns=None, root=None):
    """Load table `name` as a DataFrame, or return None if the snapshot has no such table.

    Nullable integer columns (span offsets such as speaker_start) come back as
    pandas Int64 rather than float64, so text[start:end] works.
    """
    root = Path(root) if root else data_root()
    entry = next((t for t in manifest(root)["tables"] if t["name"] == name), None)
    if entry is None:
        return None
    frames = [pd.read_parquet(root / f["path"], columns=columns) for f in entry["files"]]
    df = pd.concat(frames, ignore_index=True) if len(frames) != 1 else frames[0]
    schema = pq.read_schema(root / entry["files"][0]["path"])
    for field in schema:
        if field.name in df.columns and str(field.type) == "int64" and field.nullable:
            df[field.name] = df[field.name].astype("Int64")
    return df


def load_first(*names, root=None):
    """Return (name, DataFrame) for the first of `names` the snapshot has, or (None, None)."""
    for n in names:
        df = load(n, root=root)
        if df is not None:
            return n, df
    return None, None


def pick(df, *candidates):
    """Return the first of the candidate column names present in df, or None."""
    if df is None:
        return None
    return next((c for c in candidates if c in df.columns), None)


def figure_dir():
    """Return the folder figures are saved in (created if missing).

    FRAMELENS_FIGURES when set (run.py sets it next to the executed
    notebooks), otherwise figures/ in the working directory.
    """
    d = Path(os.environ.get("FRAMELENS_FIGURES") or "figures")
    d.mkdir(parents=True, exist_ok=True)
    return d.resolve()


def savefig(fig, name, dpi=110):
    """Save fig as <figure_dir>/<name>.png and return the path."""
    path = figure_dir() / f"{name}.png"
    fig.savefig(path, dpi=dpi, bbox_inches="tight")
    print(f"saved {path}")
    return path


def show(fig, name):
    """Save fig as PNG (savefig), then show it; returns None so a cell ends quietly.

    Under the non-interactive Agg backend (run.py sets MPLBACKEND=Agg) the
    saved PNG is displayed as an image, so the executed notebook still shows
    the figure; in Jupyter the inline backend draws it as usual.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    path = savefig(fig, name)
    if matplotlib.get_backend().lower() == "agg":
        try:
            from IPython.display import Image, display
        except ImportError:
            pass
        else:
            display(Image(filename=str(path)))
        plt.close(fig)
    else:
        plt.show()


def slice_text(texts, article_id, start, end):
    """Return texts[article_id][start:end]; offsets count code points, as Python does.

    Returns "" when either offset is missing (NULL).
    """
    if pd.isna(start) or pd.isna(end):
        return ""
    return texts[article_id][int(start):int(end)]


def wilson(k, n, z=1.96):
    """Wilson score interval for k successes in n trials (arrays allowed).

    Returns (low, high); both NaN where n == 0.
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return centre - half, centre + half


def cluster_bootstrap_shares(df, group, category, cluster, reps=1000, seed=1):
    """Shares of each category within each group, with 95 % intervals from a
    cluster bootstrap: clusters (articles) are resampled within each group,
    because attributions in one article are not independent.

    Returns a DataFrame with group, category, count, total, share, low, high.
    """
    rng = np.random.default_rng(seed)
    rows = []
    cats = sorted(df[category].dropna().unique())
    for g, sub in df.groupby(group, observed=True):
        counts = pd.crosstab(sub[cluster], sub[category]).reindex(columns=cats, fill_value=0)
        m = counts.to_numpy()
        totals = m.sum(axis=0)
        n = totals.sum()
        boots = np.empty((reps, len(cats)))
        for r in range(reps):
            idx = rng.integers(0, len(m), len(m))
            s = m[idx].sum(axis=0)
            boots[r] = s / max(s.sum(), 1)
        low, high = np.percentile(boots, [2.5, 97.5], axis=0)
        for i, c in enumerate(cats):
            rows.append({group: g, category: c, "count": int(totals[i]), "total": int(n),
                         "share": totals[i] / n if n else np.nan, "low": low[i], "high": high[i]})
    return pd.DataFrame(rows)
