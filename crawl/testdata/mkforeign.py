"""Write the foreign-WARC fixtures in testdata/foreign.

They imitate files from other tools, built by hand (no WARC library) so that
the replay tests read something our writer did not produce:

  wget-style.warc        WARC/1.0, uncompressed, wget's record order
                         (warcinfo, request, response with a chunked body kept
                         as sent, metadata), plus a revisit record
  heritrix-style.warc.gz WARC/1.0, one gzip member per record, a dns: response,
                         WARC-Target-URI in <angle brackets>

Run: python3 testdata/mkforeign.py (from crawl/). The outputs are committed.
"""
import base64
import gzip
import hashlib


def digest(b):
    return "sha1:" + base64.b32encode(hashlib.sha1(b).digest()).decode()


def record(fields, block, version="WARC/1.0"):
    head = version + "\r\n"
    for k, v in fields:
        head += "%s: %s\r\n" % (k, v)
    head += "Content-Length: %d\r\n\r\n" % len(block)
    return head.encode() + block + b"\r\n\r\n"


DATE = "2019-02-02T10:00:00Z"
PAGE = ("<html><head><title>Suspension day</title></head><body>"
        "<p>Washington suspends the INF Treaty; a chunked page from a wget-style archive.</p>"
        "</body></html>").encode()


def chunked(b, size=40):
    out = b""
    for i in range(0, len(b), size):
        part = b[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def wget():
    recs = []
    recs.append(record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000001>"),
                        ("WARC-Date", DATE), ("WARC-Filename", "wget-style.warc"),
                        ("Content-Type", "application/warc-fields")],
                       b"software: Wget/1.21 (linux-gnu)\r\nformat: WARC File Format 1.0\r\n"))
    req = b"GET /news/suspension HTTP/1.1\r\nUser-Agent: Wget/1.21\r\nAccept: */*\r\nHost: example.org\r\n\r\n"
    recs.append(record([("WARC-Type", "request"), ("WARC-Target-URI", "http://example.org/news/suspension"),
                        ("Content-Type", "application/http;msgtype=request"), ("WARC-Date", DATE),
                        ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000002>"),
                        ("WARC-Block-Digest", digest(req))], req))
    body = chunked(PAGE)
    resp = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
    recs.append(record([("WARC-Type", "response"), ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000003>"),
                        ("WARC-Warcinfo-ID", "<urn:uuid:00000000-0000-4000-8000-000000000001>"),
                        ("WARC-Concurrent-To", "<urn:uuid:00000000-0000-4000-8000-000000000002>"),
                        ("WARC-Target-URI", "http://example.org/news/suspension"), ("WARC-Date", DATE),
                        ("WARC-IP-Address", "192.0.2.10"), ("WARC-Block-Digest", digest(resp)),
                        ("WARC-Payload-Digest", digest(body)),
                        ("Content-Type", "application/http;msgtype=response")], resp))
    recs.append(record([("WARC-Type", "metadata"), ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000004>"),
                        ("WARC-Target-URI", "metadata://example.org/wget-arguments"), ("WARC-Date", DATE),
                        ("Content-Type", "text/plain")], b"\"http://example.org/news/suspension\" \"--warc-file=x\"\n"))
    rev = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
    recs.append(record([("WARC-Type", "revisit"), ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000005>"),
                        ("WARC-Target-URI", "http://example.org/news/suspension?utm=feed"), ("WARC-Date", DATE),
                        ("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"),
                        ("WARC-Refers-To", "<urn:uuid:00000000-0000-4000-8000-000000000003>"),
                        ("WARC-Payload-Digest", digest(body)),
                        ("Content-Type", "application/http;msgtype=response")], rev))
    open("foreign/wget-style.warc", "wb").write(b"".join(recs))


def heritrix():
    members = []
    def add(rec):
        members.append(gzip.compress(rec, mtime=0))
    add(record([("WARC-Type", "warcinfo"), ("WARC-Date", DATE), ("WARC-Filename", "heritrix-style.warc.gz"),
                ("WARC-Record-ID", "<urn:uuid:10000000-0000-4000-8000-000000000001>"),
                ("Content-Type", "application/warc-fields")],
               b"software: Heritrix/3.4.0 http://crawler.archive.org\r\nformat: WARC File Format 1.0\r\n"))
    dns = b"20190202100000\nexample.net.\t300\tIN\tA\t192.0.2.20\n"
    add(record([("WARC-Type", "response"), ("WARC-Target-URI", "dns:example.net"), ("WARC-Date", DATE),
                ("WARC-Record-ID", "<urn:uuid:10000000-0000-4000-8000-000000000002>"),
                ("Content-Type", "text/dns")], dns))
    page = "<html><head><title>Heritrix capture</title></head><body><p>Moscow answers on the INF Treaty.</p></body></html>".encode()
    resp = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(page) + page
    add(record([("WARC-Type", "response"), ("WARC-Target-URI", "<http://www.example.net/world/42>"),
                ("WARC-Date", DATE), ("WARC-Record-ID", "<urn:uuid:10000000-0000-4000-8000-000000000003>"),
                ("WARC-Payload-Digest", digest(page)), ("WARC-Block-Digest", digest(resp)),
                ("Content-Type", "application/http; msgtype=response")], resp))
    moved = b"HTTP/1.1 301 Moved Permanently\r\nLocation: http://www.example.net/world/42\r\nContent-Length: 0\r\n\r\n"
    add(record([("WARC-Type", "response"), ("WARC-Target-URI", "<http://example.net/world/42>"),
                ("WARC-Date", DATE), ("WARC-Record-ID", "<urn:uuid:10000000-0000-4000-8000-000000000004>"),
                ("Content-Type", "application/http; msgtype=response")], moved))
    open("foreign/heritrix-style.warc.gz", "wb").write(b"".join(members))


wget()
heritrix()
