"""Decoding text the way Chinese government sites publish it (UTF-8, GB18030/GBK)."""

from __future__ import annotations

from ..errors import ReportReadError

_CONTROLS = bytes([*range(9), *range(14, 32)])
_CONTROLS_TO_NUL = bytes.maketrans(_CONTROLS, bytes(len(_CONTROLS)))


BOM = b"\xef\xbb\xbf"


def without_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(BOM) else data


def is_blank(data: bytes) -> bool:
    """`not data.strip()` without copying the data: isspace stops at the first printed byte."""
    return not data or data.isspace()


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: not a text file in any encoding we accept."""
    if b"\x00" in head:
        return True
    # One pass marks every control byte NUL; text hardly ever holds one, so a memchr then mostly
    # answers (a memchr per control byte, 27 passes, costs more than the translate).
    marked = head.translate(_CONTROLS_TO_NUL)
    if b"\x00" not in marked:
        return False
    return marked.count(0) > max(8, len(head) // 50)


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312)."""
    data = without_bom(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReportReadError(
            source, f"无法解码文本：既不是 UTF-8 也不是 GB18030/GBK（第 {exc.start} 字节）"
        ) from None
