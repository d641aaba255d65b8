#!/usr/bin/env python3
"""Pack files into a cpio "newc" archive (the format of Linux's initramfs).

  tools/mkcpio.py -o OUT [-C DIR] NAME...

Each NAME (a file in DIR) becomes a regular-file member called NAME, mode
0755, in the order given, followed by the TRAILER!!! member. The output is
reproducible: inode numbers count from 1, owner and mtime are 0.

newc layout: a 110-byte ASCII header (the magic "070701" and thirteen
8-digit hex fields), the name with its NUL, padding to a multiple of 4
bytes counted from the header's start, the data, padding to 4 again.
"""
import argparse
import os
import sys

MAGIC = b"070701"
S_IFREG = 0o100000
TRAILER = "TRAILER!!!"


def pad4(n):
    return (4 - n % 4) % 4


def member(ino, name, mode, data, nlink=1):
    """One newc member: header, name, padding, data, padding."""
    fname = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0, len(fname), 0]
    hdr = MAGIC + b"".join(b"%08X" % f for f in fields)
    assert len(hdr) == 110
    out = hdr + fname + b"\0" * pad4(len(hdr) + len(fname))
    return out + data + b"\0" * pad4(len(data))


def pack(files):
    """files: a list of (name, bytes). Returns the archive's bytes."""
    out = bytearray()
    for ino, (name, data) in enumerate(files, 1):
        if not name or "\0" in name or name == TRAILER:
            raise ValueError("bad member name %r" % name)
        out += member(ino, name, S_IFREG | 0o755, data)
    out += member(0, TRAILER, 0, b"", nlink=1)
    return bytes(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("-C", "--directory", default=".")
    ap.add_argument("names", nargs="+")
    args = ap.parse_args()
    files = []
    for name in args.names:
        with open(os.path.join(args.directory, name), "rb") as f:
            files.append((name, f.read()))
    data = pack(files)
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
