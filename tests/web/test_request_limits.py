"""An anonymous 1 GB upload is refused with 413 before it is read, let alone stored: the body is
streamed to a real server (gunicorn) over a raw socket and the answer arrives after a few
megabytes, with nothing written to the server's temporary folder or the upload store."""

from __future__ import annotations

import select
import socket
import time

from .realserver import RealServer

GIGABYTE = 1 << 30
CHUNK = 64 * 1024


def _stream_upload(port: int, declared: int, give_up_after: int) -> tuple[bytes, int]:
    """Send headers declaring `declared` bytes, then zeros until the server answers."""
    boundary = "gongkaiBIG"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="id_document"; filename="big.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    request = (
        f"POST /portal/apply/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {declared}\r\n\r\n"
    ).encode() + head
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        zeros = b"\0" * CHUNK
        deadline = time.monotonic() + 60
        while sent < give_up_after and time.monotonic() < deadline:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            try:
                sock.sendall(zeros)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += CHUNK
        answer = b""
        sock.settimeout(10)
        try:
            while b"\r\n\r\n" not in answer:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
        except (TimeoutError, ConnectionResetError):
            pass
    return answer, sent


def test_an_anonymous_gigabyte_upload_is_refused_before_it_is_stored(tmp_path):
    tmp = tmp_path / "server-tmp"
    tmp.mkdir()
    server = RealServer(tmp_path, "sqlite", workers=1, threads=2, extra_env={"TMPDIR": str(tmp)})
    with server:
        answer, sent = _stream_upload(server.port, GIGABYTE, give_up_after=256 * 1024 * 1024)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        # Refused on the declared length: the server answered long before the body was sent.
        assert sent < 64 * 1024 * 1024, sent
        stored = [p for p in tmp.rglob("*") if p.is_file()] + [
            p for p in (tmp_path / "private").rglob("*") if p.is_file()
        ]
        assert stored == []
        # An ordinary page still works on the same server afterwards.
        import urllib.request

        assert urllib.request.urlopen(server.base + "/portal/apply/", timeout=10).status == 200
