#!/usr/bin/env python3
"""Independent reader check of a published framelens snapshot.

pyarrow and DuckDB each read every table the manifest lists; their row
counts must agree with the manifest, every file's size and SHA-256 with the
manifest, and every file must carry the framelens key-value metadata. DuckDB
also reads <table>/*.parquet by glob, as a notebook would, so a stray file
shows up. Exits 1 on any disagreement, naming the file.

Usage: python check.py [SNAPSHOT]   (default: FRAMELENS_DATA, as the notebooks)
"""

import hashlib
import os
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
import framelens_data as fd  # noqa: E402

SUPPORTED_SCHEMA = 1
KEYS = [b"framelens.schema_version", b"framelens.dataset", b"framelens.study_id", b"framelens.study_hash",
        b"framelens.run_id", b"framelens.tool_version", b"framelens.created_at"]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check(root):
    problems = []
    m = fd.manifest(root)
    if m["schema_version"] > SUPPORTED_SCHEMA:
        return [f"{root}/_manifest.json: schema version {m['schema_version']}, this check knows {SUPPORTED_SCHEMA}"]
    con = duckdb.connect()
    for t in m["tables"]:
        paths = [root / f["path"] for f in t["files"]]
        for f, p in zip(t["files"], paths):
            if not p.exists():
                problems.append(f"{p}: missing")
                continue
            if p.stat().st_size != f["bytes"]:
                problems.append(f"{p}: {p.stat().st_size} bytes, manifest {f['bytes']}")
            if sha256(p) != f["sha256"]:
                problems.append(f"{p}: sha256 differs from the manifest")
            try:
                meta = pq.read_metadata(p)
            except (pa.ArrowException, OSError) as e:
                problems.append(f"{p}: pyarrow cannot read it: {e}")
                continue
            kv = meta.metadata or {}
            missing = [k.decode() for k in KEYS if k not in kv]
            if missing:
                problems.append(f"{p}: key-value metadata lacks {', '.join(missing)}")
            elif kv[b"framelens.dataset"].decode() != t["name"] or kv[b"framelens.run_id"].decode() != m["run_id"]:
                problems.append(f"{p}: metadata names {kv[b'framelens.dataset']!r} run {kv[b'framelens.run_id']!r}")
            n = pq.read_table(p).num_rows
            if n != f["rows"]:
                problems.append(f"{p}: pyarrow reads {n} rows, manifest {f['rows']}")
            schema = pq.read_schema(p)
            for field in schema:
                if pa.types.is_timestamp(field.type) and (field.type.unit != "us" or field.type.tz != "UTC"):
                    problems.append(f"{p}: column {field.name} is {field.type}, want timestamp[us, tz=UTC]")
        if not all(p.exists() for p in paths):
            continue
        files = [str(p) for p in paths]
        n_listed = con.execute("SELECT count(*) FROM read_parquet(?)", [files]).fetchone()[0]
        if n_listed != t["rows"]:
            problems.append(f"{root / t['name']}: DuckDB reads {n_listed} rows, manifest {t['rows']}")
        glob = str(root / t["name"] / "*.parquet")
        n_glob = con.execute("SELECT count(*) FROM read_parquet(?)", [glob]).fetchone()[0]
        if n_glob != t["rows"]:
            problems.append(f"{glob}: DuckDB glob reads {n_glob} rows, manifest {t['rows']}")
        print(f"{t['name']:<24} manifest {t['rows']:>8}  pyarrow ok  duckdb {n_listed:>8}  glob {n_glob:>8}")
    return problems


def main(argv):
    if len(argv) > 1:
        os.environ["FRAMELENS_DATA"] = argv[1]
    root = fd.data_root()
    print(f"checking {root}")
    problems = check(root)
    for p in problems:
        print("FAIL", p, file=sys.stderr)
    if problems:
        return 1
    print("ok: pyarrow and DuckDB agree with the manifest")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
