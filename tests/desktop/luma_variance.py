#!/usr/bin/python3
"""luma_variance.py PNG — the luma variance of an RGB PNG the desktop app wrote (8-bit, filter 0 on
every row, as src/platform/screenshot.cpp writes it). A blank screen gives 0; the explorer, thousands."""
import struct
import sys
import zlib

data = open(sys.argv[1], 'rb').read()
w, h = struct.unpack('>II', data[16:24])
idat, pos = b'', 8
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if kind == b'IDAT':
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
luma = [0.299 * r + 0.587 * g + 0.114 * b
        for y in range(h) for r, g, b in zip(*[iter(raw[y * (3 * w + 1) + 1:(y + 1) * (3 * w + 1)])] * 3)]
mean = sum(luma) / len(luma)
print(f"{sum((v - mean) ** 2 for v in luma) / len(luma):.1f}")
