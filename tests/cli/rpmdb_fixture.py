#!/usr/bin/env python3
"""rpm databases for tests, from header blobs (the Packages table of an rpmdb.sqlite written by
rpm, or hex strings):
  rpmdb_fixture.py bdb-dump le|be OUT BLOBS...   db_load input of a Berkeley DB hash as rpm
      writes it: 4-byte keys, the package numbers, in the writer's byte order, each one's header
      blob as data, and key 0 holding the next package number.
  rpmdb_fixture.py ndb OUT BLOBS...              an ndb Packages.db, written from the layout of
      rpm's lib/backend/ndb/rpmpkg.c (Debian's rpm has no ndb backend to write one): a free slot
      and a free gap between blobs, as deletions leave them.
BLOBS: the path of an rpmdb.sqlite, or header blobs in hex."""
import os, sqlite3, struct, sys, zlib


def blobs(args):
    if len(args) == 1 and os.path.exists(args[0]):
        db = sqlite3.connect("file:%s?mode=ro" % args[0], uri=True)
        return [(h, bytes(b)) for h, b in db.execute("SELECT hnum, blob FROM Packages ORDER BY hnum")]
    return [(i + 1, bytes.fromhex(h)) for i, h in enumerate(args)]


def bdb_dump(order, out, pkgs):
    e = "<" if order == "le" else ">"
    with open(out, "w") as f:
        f.write("VERSION=3\nformat=bytevalue\ntype=hash\nHEADER=END\n")
        f.write(" %s\n %s\n" % (struct.pack(e + "I", 0).hex(), struct.pack(e + "I", pkgs[-1][0] + 1).hex()))
        for h, b in pkgs:
            f.write(" %s\n %s\n" % (struct.pack(e + "I", h).hex(), b.hex()))
        f.write("DATA=END\n")


PAGE, SLOT, BLK = 4096, 16, 16


def ndb(out, pkgs):
    nslots = len(pkgs) + 1                    # one free slot among them
    npages = (nslots + 2 + PAGE // SLOT - 1) // (PAGE // SLOT)
    slots, data = [], bytearray()
    blk = npages * PAGE // BLK
    for n, (idx, b) in enumerate(pkgs):
        if n == len(pkgs) // 2:
            slots.append((0, 0, 0))           # a deleted package's slot
            data += bytes(3 * BLK)            # and the blocks its blob left
            blk += 3
        cnt = (16 + len(b) + 12 + BLK - 1) // BLK
        head = struct.pack("<4sIII", b"BlbS", idx, 1700000000 + idx, len(b))
        body = head + b + bytes(cnt * BLK - 16 - len(b) - 12)
        data += body + struct.pack("<II4s", zlib.adler32(body), len(b), b"BlbE")
        slots.append((idx, blk, cnt))
        blk += cnt
    f = bytearray(struct.pack("<4sIIII", b"RpmP", 0, 7, npages, pkgs[-1][0] + 1).ljust(32, b"\0"))
    for s in range(2, npages * PAGE // SLOT):
        idx, off, cnt = slots[s - 2] if s - 2 < len(slots) else (0, 0, 0)
        f += struct.pack("<4sIII", b"Slot", idx, off, cnt)
    with open(out, "wb") as o:
        o.write(f + data)


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "bdb-dump" and sys.argv[2] in ("le", "be"):
        bdb_dump(sys.argv[2], sys.argv[3], blobs(sys.argv[4:]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "ndb":
        ndb(sys.argv[2], blobs(sys.argv[3:]))
    else:
        sys.exit(__doc__)
