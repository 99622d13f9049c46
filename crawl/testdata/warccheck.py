"""Independent check of WARC files with warcio (PyPI), for crawl's tests.

    python warccheck.py FILE...

For every record of every file it prints one JSON line:
{"file", "offset", "type", "uri", "status", "digest"} where digest is
"pass", "fail" or "none" (warcio's digest_checker, block and payload).
It exits 1 if a file cannot be read to its end or a digest fails.
The Go test TestWARCIndependentReader runs it when WARCIO_PYTHON is set.
"""
import json
import os
import sys

from warcio.archiveiterator import ArchiveIterator


def main(paths):
    bad = 0
    for path in paths:
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
