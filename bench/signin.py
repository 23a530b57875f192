"""Parallel sign-ins with CSRF, released together, each from its own account (chargeN@cabinet.example) and its own
forwarded address, so that the sign-in throttle stays out of the way and only the bounded password hashing decides.
Usage: python3 bench/signin.py BASE_URL COUNT PASSWORD. See docs/performance.md, "Sign-in under load"."""
import re, sys, threading, time, http.cookiejar, urllib.request, urllib.parse, collections

base, n, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
emails = [f"charge{i}@cabinet.example" for i in range(n)]
barrier = threading.Barrier(n)
results = [None] * n

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None

def one(i):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    forwarded = {"X-Forwarded-For": f"10.1.{i // 200}.{i % 200 + 1}"}
    page = opener.open(urllib.request.Request(base + "/login", headers=forwarded)).read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": emails[i], "password": password, "_csrf": token}).encode()
    barrier.wait()
    start = time.monotonic()
    try:
        answer = opener.open(urllib.request.Request(base + "/login", data=body, headers=forwarded))
        status, location = answer.status, answer.headers.get("Location")
    except urllib.error.HTTPError as e:
        status, location = e.code, e.headers.get("Location")
    results[i] = (status, location, time.monotonic() - start)

threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
t0 = time.monotonic()
[t.start() for t in threads]
[t.join() for t in threads]
outcomes = collections.Counter((s, l and urllib.parse.urlparse(l).path + ("?" + urllib.parse.urlparse(l).query if urllib.parse.urlparse(l).query else "")) for s, l, _ in results)
times = sorted(r[2] for r in results)
print("outcomes:", dict(outcomes))
print(f"latency s: median {times[n // 2]:.2f}, p95 {times[int(n * 0.95) - 1]:.2f}, max {times[-1]:.2f}")
