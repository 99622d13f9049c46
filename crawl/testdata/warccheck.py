"""Independent check of WARC files with warcio (PyPI), for crawl's tests.

    python warccheck.py FILE...

For every record of every file it prints one JSON line:
{"file", "offset", "type", "uri", "status", "digest"} where digest is
"pass", "fail" or "none" (warcio's digest_checker, block and payload).
It exits 1 if a file cannot be read to its end, a record's block is shorter
than its Content-Length (warcio itself reads a cut gzip member without
complaint) or a digest fails.
The Go test TestWARCIndependentReader runs it when WARCIO_PYTHON is set.
"""
import json
import os
import sys

from warcio.archiveiterator import ArchiveIterator


def short_records(path):
    """Count records whose block is shorter than their Content-Length."""
    short = 0
    with open(path, "rb") as f:
        it = ArchiveIterator(f, no_record_parse=True)
        for rec in it:
            got = 0
            while True:
                b = rec.raw_stream.read(1 << 20)
                if not b:
                    break
                got += len(b)
            want = int(rec.rec_headers.get_header("Content-Length") or 0)
            if got != want:
                print("short record in %s at %d: %d of %d bytes" % (path, it.get_record_offset(), got, want), file=sys.stderr)
                short += 1
    return short


def main(paths):
    bad = 0
    for path in paths:
        if short_records(path):
            bad = 1
        with open(path, "rb") as f:
            it = ArchiveIterator(f, check_digests=True)
            try:
                for rec in it:
                    stream = rec.content_stream()
                    while stream.read(1 << 20):
                        pass
                    passed = rec.digest_checker.passed
                    digest = "none" if passed is None else ("pass" if passed else "fail")
                    if passed is False:
                        bad = 1
                    status = 0
                    if rec.http_headers is not None and rec.rec_type == "response":
                        status = int(rec.http_headers.get_statuscode() or 0)
                    print(json.dumps({
                        "file": os.path.basename(path),
                        "offset": it.get_record_offset(),
                        "type": rec.rec_type,
                        "uri": rec.rec_headers.get_header("WARC-Target-URI") or "",
                        "status": status,
                        "digest": digest,
                    }))
            except Exception as e:  # noqa: BLE001 - report any reader failure
                print("error reading %s: %s" % (path, e), file=sys.stderr)
                bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
