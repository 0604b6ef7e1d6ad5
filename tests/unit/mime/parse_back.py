#!/usr/bin/python3
"""Independent parse-back of messages built by Outbound's MIME builder.

Runs the sample tool (mime_sample) into a work folder, then reads every message with Python's
own email package (BytesParser, policy.default) and compares what it decodes with the manifest
the tool wrote: subject, display names, addresses, text and HTML bodies, attachment names and
bytes, the iCalendar part, and the wire rules (CRLF only, lines <= 998 bytes, encoded words
<= 75 characters, header lines <= 78 where the builder can fold).

usage: parse_back.py --sample-tool PATH --work-dir DIR     (or --dir DIR to check existing output)
Prints one line per failed check and a final "N passed, M failed"; exits 1 on any failure.
"""

import argparse
import base64
import email
import email.policy
import json
import os
import re
import shutil
import subprocess
import sys
from email.parser import BytesParser

ENCODED_WORD = re.compile(rb"=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=")


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, label, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {label}" + (f": {detail}" if detail else ""))

    def equal(self, actual, expected, label):
        self.check(actual == expected, label, f"got {actual!r}, expected {expected!r}")


def redecode(text):
    """Raw UTF-8 header bytes come back surrogate-escaped; turn them into real characters."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8")


def normalize_text(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    return text


def check_wire(c, name, raw, smtputf8):
    lines = raw.split(b"\r\n")
    c.equal(lines[-1], b"", f"{name}: message ends with CRLF")
    c.check(b"\r" not in raw.replace(b"\r\n", b""), f"{name}: no bare CR")
    c.check(b"\n" not in raw.replace(b"\r\n", b""), f"{name}: no bare LF")
    longest = max(len(line) for line in lines)
    c.check(longest <= 998, f"{name}: every line <= 998 bytes", f"longest {longest}")
    header_block = raw.split(b"\r\n\r\n", 1)[0]
    if not smtputf8:
        c.check(all(b < 0x80 for b in header_block), f"{name}: headers are ASCII")
    c.check(all(b < 0x80 for b in raw.split(b"\r\n\r\n", 1)[1]), f"{name}: body is 7-bit (no 8bit sent)")
    long_headers = [line for line in header_block.split(b"\r\n") if len(line) > 78]
    c.check(not long_headers, f"{name}: header lines <= 78", repr(long_headers[:2]))
    words = ENCODED_WORD.findall(raw)
    c.check(all(len(w) <= 75 for w in words), f"{name}: encoded words <= 75 characters",
            repr([w for w in words if len(w) > 75][:2]))
    for part_headers in re.findall(rb"(?:^|\r\n\r\n|--\r\n)((?:Content-[^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*)+)", raw):
        for line in part_headers.split(b"\r\n"):
            if line and len(line) > 78:
                c.check(False, f"{name}: part header line <= 78", repr(line))


def check_addresses(c, name, header, expected, label):
    if not expected:
        c.check(header is None, f"{name}: no {label} header")
        return
    c.check(header is not None, f"{name}: {label} header present")
    if header is None:
        return
    got = [(redecode(a.display_name), redecode(a.addr_spec)) for a in header.addresses]
    want = [(e["name"], e["addr"]) for e in expected]
    c.equal(got, want, f"{name}: {label} names and addresses")


def check_message(c, entry, folder):
    name = entry["file"]
    with open(os.path.join(folder, name), "rb") as f:
        raw = f.read()
    smtputf8 = entry.get("smtputf8", False)
    check_wire(c, name, raw, smtputf8)
    c.equal(entry["needs_smtputf8"], smtputf8, f"{name}: needsSmtpUtf8 flag")

    msg = BytesParser(policy=email.policy.default).parsebytes(raw)
    c.check(not msg.defects, f"{name}: no parser defects", repr(msg.defects))
    c.equal(redecode(str(msg["subject"])), entry["subject"], f"{name}: subject decodes to the original")
    check_addresses(c, name, msg["from"], [entry["from"]], "From")
    check_addresses(c, name, msg["to"], entry["to"], "To")
    check_addresses(c, name, msg["cc"], entry["cc"], "Cc")
    c.check(msg["bcc"] is None, f"{name}: no Bcc header")
    for hidden in entry.get("absent", []):
        c.check(hidden.encode() not in raw, f"{name}: {hidden!r} appears nowhere in the message")
    c.equal(msg["message-id"], entry["message_id"], f"{name}: Message-ID")
    c.check(msg["date"] is not None and msg["date"].datetime is not None, f"{name}: Date parses")
    c.equal(msg["mime-version"], "1.0", f"{name}: MIME-Version")

    for part in msg.walk():
        c.check(not part.defects, f"{name}: part {part.get_content_type()} has no defects", repr(part.defects))

    plain = msg.get_body(preferencelist=("plain",))
    c.check(plain is not None, f"{name}: has a text/plain body")
    if plain is not None:
        text = normalize_text(plain.get_content())
        if entry["text"]:
            c.equal(text, normalize_text(entry["text"]), f"{name}: text part decodes to the original")
        for snippet in entry["text_contains"]:
            c.check(snippet in text, f"{name}: generated text contains {snippet!r}", repr(text))
        if "first_body_line" in entry:
            c.equal(text.split("\n", 1)[0], entry["first_body_line"], f"{name}: first body line")
            body = raw.split(b"\r\n\r\n", 1)[1]
            c.check(body.startswith(entry["first_body_line"].encode()),
                    f"{name}: raw body starts with the dotted line (not dot-stuffed here)")
    html = msg.get_body(preferencelist=("html",))
    if entry["html"]:
        c.check(html is not None, f"{name}: has a text/html body")
        if html is not None:
            c.equal(normalize_text(html.get_content()), normalize_text(entry["html"]),
                    f"{name}: HTML part decodes to the original")
            c.equal(html.get_content_charset(), "utf-8", f"{name}: HTML charset")
    else:
        c.check(html is None, f"{name}: no HTML part")

    calendars = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    if entry["calendar"]:
        c.equal(len(calendars), 1, f"{name}: one text/calendar part")
        if calendars:
            cal = calendars[0]
            c.equal(cal.get_param("method"), entry["calendar_method"], f"{name}: calendar method parameter")
            c.check("BEGIN:VCALENDAR" in cal.get_content(), f"{name}: calendar content")
            parent = [p for p in msg.walk() if p.is_multipart() and cal in p.get_payload()]
            c.check(parent and parent[0].get_content_type() == "multipart/alternative",
                    f"{name}: calendar sits in multipart/alternative")
    else:
        c.equal(len(calendars), 0, f"{name}: no calendar part")

    attachments = list(msg.iter_attachments())
    c.equal(len(attachments), len(entry["attachments"]), f"{name}: attachment count")
    for got, want in zip(attachments, entry["attachments"]):
        c.equal(got.get_filename(), want["name"], f"{name}: attachment file name decodes")
        c.equal(got.get_content_disposition(), "attachment", f"{name}: {want['name']} disposition")
        c.equal(got.get_payload(decode=True), base64.b64decode(want["data"]),
                f"{name}: {want['name']} bytes are the original bytes")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample-tool")
    parser.add_argument("--work-dir")
    parser.add_argument("--dir", help="check messages already written here")
    args = parser.parse_args()

    if args.dir:
        folder = args.dir
    else:
        if not args.sample_tool or not args.work_dir:
            parser.error("give --sample-tool and --work-dir, or --dir")
        folder = args.work_dir
        shutil.rmtree(folder, ignore_errors=True)
        run = subprocess.run([args.sample_tool, folder], capture_output=True, text=True, timeout=60)
        if run.returncode != 0:
            print(f"FAIL sample tool exited with {run.returncode}: {run.stderr.strip()}")
            print("0 passed, 1 failed")
            return 1

    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    c = Checker()
    c.check(len(manifest) >= 9, "manifest lists every sample", str(len(manifest)))
    for entry in manifest:
        try:
            check_message(c, entry, folder)
        except Exception as error:  # a crash in one message is a failure, not the end of the run
            c.check(False, f"{entry.get('file')}: parsed without exception", repr(error))
    print(f"{c.passed} passed, {c.failed} failed")
    return 0 if c.failed == 0 and c.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
