#!/usr/bin/env python3
"""Independent reader check of a published framelens snapshot.

pyarrow and DuckDB each read every table the manifest lists; their row
counts must agree with the manifest, every file's size and SHA-256 with the
manifest, and every file must carry the framelens key-value metadata. DuckDB
also reads <table>/*.parquet by glob, as a notebook would, so a stray file
shows up.

Then the character offsets: for every attributions row,
articles.text[start:end] (Python slicing, code points) must equal cue_text,
speaker_text and content_text (a NULL span must go with empty text), and
DuckDB's substring() must agree for content; variant_hits and concordance
spans must give back their text / match. Exits 1 on any disagreement, naming
the file or the first offending rows.

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


# (table, start column, end column, text column) for every span that indexes articles.text.
SPANS = [
    ("attributions", "cue_start", "cue_end", "cue_text"),
    ("attributions", "speaker_start", "speaker_end", "speaker_text"),
    ("attributions", "content_start", "content_end", "content_text"),
    ("variant_hits", "start", "end", "text"),
    ("concordance", "start", "end", "match"),
]
MAX_SHOWN = 5


def read_table(root, m, name, columns):
    entry = next((t for t in m["tables"] if t["name"] == name), None)
    if entry is None:
        return None
    return pa.concat_tables([pq.read_table(root / f["path"], columns=columns) for f in entry["files"]])


def check_offsets(root, m):
    """Slice articles.text by every span and compare with the stored text."""
    problems = []
    art = read_table(root, m, "articles", ["article_id", "text"])
    if art is None:
        return ["articles: not in the manifest, offsets not checked"]
    texts = dict(zip(art.column("article_id").to_pylist(), art.column("text").to_pylist()))
    for table, sc, ec, tc in SPANS:
        t = read_table(root, m, table, ["article_id", sc, ec, tc])
        if t is None:
            continue
        bad = []
        for aid, s, e, want in zip(*(t.column(c).to_pylist() for c in ("article_id", sc, ec, tc))):
            text = texts.get(aid)
            if text is None:
                bad.append(f"article {aid} not in articles")
            elif s is None or e is None:
                if want:
                    bad.append(f"{aid} NULL span but {tc}={want!r}")
            elif not (0 <= s <= e <= len(text)):
                bad.append(f"{aid} [{s}:{e}] outside text of {len(text)} characters")
            elif text[s:e] != want:
                bad.append(f"{aid} text[{s}:{e}]={text[s:e]!r}, {tc}={want!r}")
        print(f"offsets {table}.{sc[:-6] or tc:<10} {t.num_rows:>8} rows  {len(bad)} mismatches")
        problems += [f"{table}: {b}" for b in bad[:MAX_SHOWN]]
        if len(bad) > MAX_SHOWN:
            problems.append(f"{table}: ... {len(bad) - MAX_SHOWN} more {tc} mismatches")
    return problems


def check_offsets_duckdb(root, m):
    """DuckDB's substring() counts code points too: an independent reader of the same spans."""
    names = {t["name"]: [str(root / f["path"]) for f in t["files"]] for t in m["tables"]}
    if "articles" not in names or "attributions" not in names:
        return []
    con = duckdb.connect()
    n, bad = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE substring(a.text, t.content_start + 1, "
        "t.content_end - t.content_start) IS DISTINCT FROM t.content_text) "
        "FROM read_parquet(?) t JOIN read_parquet(?) a USING (article_id) WHERE t.content_start IS NOT NULL",
        [names["attributions"], names["articles"]]).fetchone()
    print(f"offsets duckdb substring(content) {n:>8} rows  {bad} mismatches")
    return [f"attributions: DuckDB substring() of articles.text differs from content_text in {bad} of {n} rows"] if bad else []


def main(argv):
    if len(argv) > 1:
        os.environ["FRAMELENS_DATA"] = argv[1]
    root = fd.data_root()
    print(f"checking {root}")
    problems = check(root)
    if not problems:
        m = fd.manifest(root)
        problems = check_offsets(root, m) + check_offsets_duckdb(root, m)
    for p in problems:
        print("FAIL", p, file=sys.stderr)
    if problems:
        return 1
    print("ok: pyarrow and DuckDB agree with the manifest (rows, bytes, sha256); every span gives back its text")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
