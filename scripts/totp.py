#!/usr/bin/env python3
"""Prints the current six-digit TOTP code (RFC 6238: HMAC-SHA1, 30 s) for a base32 secret, as an
authenticator app would. For trying the demo console without a phone; staff use an app.
Usage: totp.py BASE32_SECRET
"""
import base64
import hashlib
import hmac
import struct
import sys
import time


def code(secret: str, at: float) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(code(sys.argv[1].strip().upper(), time.time()))
