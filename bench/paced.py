"""Open-loop load at a steady rate: python3 bench/paced.py RATE SECONDS COOKIE URL [URL ...] > times.csv

Sends RATE requests per second for SECONDS, evenly spaced whatever the answers take, cycling through the URLs, each
GET with the cookie, and writes one line per request: "status,milliseconds". A request's time runs from the moment it
was due, so a request that had to wait for a free connection counts its wait (no coordinated omission). Unlike hey's
-q, whose workers all fire on the same tick, arrivals do not come in bursts.
"""

import http.client
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

rate, seconds, cookie, urls = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4:]
local = threading.local()


def get(url, due):
    parts = urllib.parse.urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    for attempt in (1, 2):
        if getattr(local, "connection", None) is None:
            local.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            local.connection.request("GET", path, headers={"Cookie": cookie})
            response = local.connection.getresponse()
            response.read()
            return response.status, (time.monotonic() - due) * 1000
        except (http.client.HTTPException, OSError):
            local.connection.close()
            local.connection = None
            if attempt == 2:
                return 0, (time.monotonic() - due) * 1000


with ThreadPoolExecutor(max_workers=64) as pool:
    start = time.monotonic()
    futures = []
    for n in range(int(rate * seconds)):
        due = start + n / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        futures.append(pool.submit(get, urls[n % len(urls)], due))
    for future in futures:
        status, ms = future.result()
        print(f"{status},{ms:.2f}")
