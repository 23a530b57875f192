#!/usr/bin/env python3
"""Which arrays an open stream adds: bench/array-sizes.py BEFORE.hprof OPEN.hprof STREAMS

Counts the primitive arrays of two heap dumps (jcmd PID GC.heap_dump) by element type and length and prints the
difference per stream, largest first: Tomcat's fixed buffers show as round sizes (8,192 bytes, 8,192 chars...).
Standard library only; reads the dump once, skipping everything but the array headers.
"""
import collections
import struct
import sys

SIZES = {2: 0, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
NAMES = {4: "boolean", 5: "char", 6: "float", 7: "double", 8: "byte", 9: "short", 10: "int", 11: "long"}


def arrays(path):
    counts = collections.Counter()
    with open(path, "rb") as f:
        while f.read(1) != b"\0":
            pass
        id_size = struct.unpack(">I", f.read(4))[0]
        SIZES[2] = id_size
        f.read(8)
        while True:
            head = f.read(9)
            if len(head) < 9:
                break
            tag, _, length = struct.unpack(">BII", head)
            if tag not in (0x0C, 0x1C):
                f.seek(length, 1)
                continue
            end = f.tell() + length
            while f.tell() < end:
                sub = f.read(1)[0]
                if sub == 0xFF or sub == 0x05 or sub == 0x07:
                    f.seek(id_size, 1)
                elif sub == 0x01:
                    f.seek(2 * id_size, 1)
                elif sub in (0x02, 0x03, 0x08):
                    f.seek(id_size + 8, 1)
                elif sub in (0x04, 0x06):
                    f.seek(id_size + 4, 1)
                elif sub == 0x20:
                    f.seek(7 * id_size + 8, 1)  # ids, stack trace serial, instance size
                    for _ in range(struct.unpack(">H", f.read(2))[0]):
                        f.seek(2, 1)
                        f.seek(SIZES[f.read(1)[0]], 1)
                    for _ in range(struct.unpack(">H", f.read(2))[0]):
                        f.seek(id_size, 1)
                        f.seek(SIZES[f.read(1)[0]], 1)
                    f.seek(struct.unpack(">H", f.read(2))[0] * (id_size + 1), 1)
                elif sub == 0x21:
                    f.seek(id_size + 4 + id_size, 1)
                    f.seek(struct.unpack(">I", f.read(4))[0], 1)
                elif sub == 0x22:
                    f.seek(id_size + 4, 1)
                    n = struct.unpack(">I", f.read(4))[0]
                    f.seek(id_size + n * id_size, 1)
                elif sub == 0x23:
                    f.seek(id_size + 4, 1)
                    n, kind = struct.unpack(">IB", f.read(5))
                    f.seek(n * SIZES[kind], 1)
                    counts[(NAMES[kind], n)] += 1
                else:
                    raise SystemExit(f"unknown heap dump record {sub:#x} at {f.tell()}")
    return counts


def main():
    before, opened, streams = arrays(sys.argv[1]), arrays(sys.argv[2]), int(sys.argv[3])
    rows = []
    for key in set(before) | set(opened):
        added = opened[key] - before[key]
        if added:
            rows.append((added * key[1] * SIZES[{v: k for k, v in NAMES.items()}[key[0]]], added, key))
    rows.sort(reverse=True)
    total = sum(r[0] for r in rows)
    print(f"primitive arrays added: {total / streams / 1024:.1f} KB per stream")
    for size, added, (kind, length) in rows[:20]:
        print(f"  {size / streams / 1024:7.2f} KB per stream  {added / streams:6.2f} x {kind}[{length}]")
    small = sum(r[0] for r in rows if r[2][1] < 1024)
    print(f"  of which arrays under 1,024 elements: {small / streams / 1024:.2f} KB per stream")


if __name__ == "__main__":
    main()
