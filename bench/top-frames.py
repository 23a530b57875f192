#!/usr/bin/env python3
"""Top frames of a JFR recording: bench/top-frames.py FILE.jfr [N]

Reads `jfr print --events jdk.ExecutionSample` and prints, for the N most frequent, the methods on top of the sampled
stacks (self time) and the application's own methods and the main libraries anywhere on them (total time), in percent of the samples."""
import collections, re, subprocess, sys

path, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                      capture_output=True, text=True, check=True).stdout
self_time, total, areas = collections.Counter(), collections.Counter(), collections.Counter()
AREAS = [("PostgreSQL driver", ("org.postgresql.",)), ("Thymeleaf rendering", ("org.thymeleaf.", "org.attoparser.")),
         ("Java deserialization (session)", ("java.io.ObjectInputStream",)),
         ("Spring Session", ("org.springframework.session.",)),
         ("Spring Security", ("org.springframework.security.",)),
         ("Jackson", ("tools.jackson.",)), ("Jetty", ("org.eclipse.jetty.",)),
         ("SpEL", ("org.springframework.expression.",))]
samples = 0
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w$.<>]+)\(", event.split("stackTrace = [", 1)[-1], re.M)
    if not frames:
        continue
    samples += 1
    self_time[frames[0]] += 1
    for method in set(frames):
        if method.startswith("fr.portail.messages."):
            total[method] += 1
    for area, prefixes in AREAS:
        if any(frame.startswith(prefixes) for frame in frames):
            areas[area] += 1
print(f"{samples} samples")
print("self (top of stack):")
for method, n in self_time.most_common(top):
    print(f"  {100 * n / samples:5.1f}%  {method}")
print("total by area (a sample counts in each area on its stack):")
for area, n in areas.most_common():
    print(f"  {100 * n / samples:5.1f}%  {area}")
print("total (application methods on the stack):")
for method, n in total.most_common(top):
    print(f"  {100 * n / samples:5.1f}%  {method}")
