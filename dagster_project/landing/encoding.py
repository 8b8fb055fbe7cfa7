"""Detect a CSV's text encoding and hash its bytes in one pass.

Mosaic and Excel exports arrive as UTF-8, UTF-8 with a BOM, Windows-1252, and now and
then UTF-16. The bytes are read once for the SHA-256 (which decides whether a file changed)
and the same pass decides the encoding, so a large file is not read twice just to sniff.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from typing import BinaryIO

CHUNK = 1 << 20


class EncodingError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class Sniffed:
    encoding: str
    sha256: str
    size: int
    has_text: bool  # False for an empty or whitespace-only file


def sniff(stream: BinaryIO) -> Sniffed:
    """Read `stream` to the end; return its encoding, hash and size."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    utf8_ok = True
    cp1252_error: str | None = None
    size = 0
    first = b""
    has_text = False
    while chunk := stream.read(CHUNK):
        if not first:
            first = chunk[:4]
        digest.update(chunk)
        if not has_text and chunk.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
            has_text = True
        if utf8_ok:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                utf8_ok = False
        if cp1252_error is None:
            try:
                cp1252.decode(chunk)
            except UnicodeDecodeError as exc:
                cp1252_error = f"byte 0x{exc.object[exc.start]:02x} at offset {size + exc.start}"
        size += len(chunk)
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False

    if first.startswith(codecs.BOM_UTF16_LE) or first.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    elif first.startswith(codecs.BOM_UTF8):
        if not utf8_ok:
            raise EncodingError("starts with a UTF-8 byte-order mark but is not valid UTF-8")
        encoding = "utf-8-sig"
    elif utf8_ok:
        encoding = "utf-8"
    elif cp1252_error is None:
        encoding = "cp1252"
    else:
        raise EncodingError(f"neither UTF-8 nor Windows-1252: {cp1252_error}")
    return Sniffed(encoding=encoding, sha256=digest.hexdigest(), size=size, has_text=has_text)
