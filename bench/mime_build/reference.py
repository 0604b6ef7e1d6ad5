#!/usr/bin/python3
"""Reference for bench_mime_build: Python's email package builds a similar message
(text + HTML alternative + one binary attachment of SIZE bytes) REPEAT times.
Prints one line: "<milliseconds per message> <message bytes>"."""
import sys
import time
from email.message import EmailMessage
from email.policy import SMTP

size, repeat = int(sys.argv[1]), int(sys.argv[2])
payload = bytes((i * 7919 + 13) & 0xFF for i in range(size))
start = time.perf_counter()
for _ in range(repeat):
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Billing <billing@msp.example>"
    msg["To"] = "Zoë Straßberger <zoe@kunde.example>"
    msg["Subject"] = "Rechnung für März – Ihre Bestellung Nr. 4711"
    msg.set_content("Sehr geehrte Frau Straßberger,\n\nanbei Ihre Rechnung.\n")
    msg.add_alternative("<p>Sehr geehrte Frau Straßberger,</p><p>anbei Ihre Rechnung.</p>", subtype="html")
    msg.add_attachment(payload, maintype="application", subtype="pdf", filename="Rechnung März.pdf")
    data = msg.as_bytes()
elapsed = (time.perf_counter() - start) * 1000 / repeat
print(f"{elapsed:.2f} {len(data)}")
