#!/usr/bin/env python3
"""Event streams for bench/run.sh (standard library only).

  sse.py hold N PORT COOKIE...                 opens N streams of GET /events, prints "open", holds them until stdin closes
  sse.py fanout N PORT CONVERSATION TOKEN COOKIE...
        opens N streams, posts 20 replies to CONVERSATION with the API TOKEN and prints the p50/p99, in ms, from the
        start of each POST to the arrival of its "message" event on every stream, as JSON (SSE_DEBUG=1: each reply
        on stderr, the POST's own time and the first, median and last arrival)
"""
import asyncio
import json
import os
import sys
import time
import urllib.request

HOST = "127.0.0.1"
DEBUG = bool(os.environ.get("SSE_DEBUG"))


async def open_stream(port, cookie):
    reader, writer = await asyncio.open_connection(HOST, port, limit=1 << 20)
    writer.write((f"GET /events HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: text/event-stream\r\n"
                  f"Cookie: {cookie}\r\n\r\n").encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        raise SystemExit(f"GET /events answered {status!r}")
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    return reader, writer


async def open_all(n, port, cookies):
    streams = []
    for start in range(0, n, 100):  # in batches, as browsers arriving over a few seconds would
        batch = [open_stream(port, cookies[i % len(cookies)]) for i in range(start, min(n, start + 100))]
        streams += await asyncio.gather(*batch)
    return streams


async def hold(n, port, cookies):
    streams = await open_all(n, port, cookies)
    print("open", len(streams), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for _, writer in streams:
        writer.close()


async def watch(reader, arrivals, index):
    event = None
    while True:
        line = await reader.readline()
        if not line:
            return
        line = line.strip()
        if line.startswith(b"event:"):
            event = line[6:].strip()
        elif line.startswith(b"data:") and event == b"message":
            message_id = json.loads(line[5:])["messageId"]
            arrivals.setdefault(message_id, {})[index] = time.monotonic()


def post_reply(port, conversation, token, n):
    request = urllib.request.Request(
        f"http://{HOST}:{port}/api/v1/conversations/{conversation}/messages",
        data=json.dumps({"html": f"<p>Réponse en direct {n}</p>"}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST")
    with urllib.request.urlopen(request) as response:
        return json.load(response)["id"]


async def fanout(n, port, conversation, token, cookies):
    streams = await open_all(n, port, cookies)
    arrivals = {}
    tasks = [asyncio.create_task(watch(reader, arrivals, i)) for i, (reader, _) in enumerate(streams)]
    await asyncio.sleep(2)
    latencies = []
    loop = asyncio.get_running_loop()
    for k in range(20):
        started = time.monotonic()
        message_id = await loop.run_in_executor(None, post_reply, port, conversation, token, k)
        posted = time.monotonic()
        deadline = time.monotonic() + 10
        while len(arrivals.get(message_id, {})) < n and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        got = arrivals.get(message_id, {})
        latencies += [(t - started) * 1000 for t in got.values()]
        if DEBUG:
            times = sorted((t - started) * 1000 for t in got.values())
            if times:
                print(f"reply {k}: POST {(posted - started) * 1000:.0f} ms, events first {times[0]:.0f},"
                      f" median {times[len(times) // 2]:.0f}, last {times[-1]:.0f} ms", file=sys.stderr)
        latencies += [10_000.0] * (n - len(got))  # a missing event counts as 10 s
        await asyncio.sleep(0.2)
    for task in tasks:
        task.cancel()
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1)
    print(json.dumps({"streams": n, "replies": 20, "p50_ms": pick(0.5), "p99_ms": pick(0.99)}), flush=True)


def main():
    mode, n, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if mode == "hold":
        asyncio.run(hold(n, port, sys.argv[4:]))
    else:
        asyncio.run(fanout(n, port, sys.argv[4], sys.argv[5], sys.argv[6:]))


if __name__ == "__main__":
    main()
