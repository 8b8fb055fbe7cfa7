"""Detect a CSV's text encoding and hash its bytes in one pass.

Mosaic and Excel exports arrive as UTF-8, UTF-8 with a BOM, Windows-1252, and now and
then UTF-16. The bytes are read once for the SHA-256 (which decides whether a file changed)
and the same pass decides the encoding, so a large file is not read twice just to sniff.

The encoding is decided per file, strictly:

- valid UTF-8 throughout: UTF-8 (with or without BOM);
- no valid UTF-8 multi-byte character at all, and more invalid bytes than valid
  characters: Windows-1252 (every byte of which decodes);
- valid UTF-8 with a few invalid bytes (a stray byte from a copy and paste): UTF-8, and
  `invalid_utf8` says how many bytes are bad. The reader then quarantines each row holding
  one (naming the file, line and byte, never the row); the rest of the file is read as
  the UTF-8 it is, not re-decoded as Windows-1252 (which would garble every accented
  name in it).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from typing import BinaryIO

CHUNK = 1 << 20
_INVALID = re.compile("[\udc80-\udcff]")
_VALID_WIDE = re.compile("[^\x00-\x7f\udc80-\udcff]")


class EncodingError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class Sniffed:
    encoding: str
    sha256: str
    size: int
    has_text: bool  # False for an empty or whitespace-only file
    invalid_utf8: int = 0  # bytes that are not UTF-8 in a file read as UTF-8
    ends_with_newline: bool = True  # False: the last line has no line break (cut short?)


def sniff(stream: BinaryIO) -> Sniffed:
    """Read `stream` to the end; return its encoding, hash and size."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    invalid = wide = 0
    cp1252_error: str | None = None
    size = 0
    first = b""
    last = b""
    has_text = False
    while chunk := stream.read(CHUNK):
        if not first:
            first = chunk[:4]
        last = chunk[-1:]
        digest.update(chunk)
        if not has_text and chunk.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
            has_text = True
        text = utf8.decode(chunk)
        if not text.isascii():
            invalid += len(_INVALID.findall(text))
            wide += len(_VALID_WIDE.findall(text))
        if cp1252_error is None:
            try:
                cp1252.decode(chunk)
            except UnicodeDecodeError as exc:
                cp1252_error = f"byte 0x{exc.object[exc.start]:02x} at offset {size + exc.start}"
        size += len(chunk)
    invalid += len(_INVALID.findall(utf8.decode(b"", final=True)))
    ends = last in (b"\n", b"\r", b"")

    def found(encoding: str, bad: int = 0) -> Sniffed:
        return Sniffed(encoding, digest.hexdigest(), size, has_text, bad, ends)

    if first.startswith(codecs.BOM_UTF16_LE) or first.startswith(codecs.BOM_UTF16_BE):
        return found("utf-16")
    if first.startswith(codecs.BOM_UTF8):
        return found("utf-8-sig", invalid)
    if invalid == 0:
        return found("utf-8")
    if wide >= invalid:
        return found("utf-8", invalid)
    if cp1252_error is None:
        return found("cp1252")
    raise EncodingError(f"neither UTF-8 nor Windows-1252: {cp1252_error}")
