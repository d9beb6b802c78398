"""No byte leaves the machine, checked at the operating-system level (issue 16, defect 9).

test_no_network.py traps Python's sockets; LibreOffice is a native program with
children of its own, so here an .odt whose picture is linked to a listener on
this machine's loopback (and one to a host name, which needs DNS) is imported
for real. The listener must see no connection, and ``strace -f`` of the whole
import (Python, the cage's child, LibreOffice and everything it starts) must
show no ``connect``/``sendto`` to an internet address. Each of the two guards
(the network namespace, the profile that blocks linked content) is also shown
to hold on its own.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scrchron.importers import legacy, parse_submission
from tests.helpers_kill import record_figure

pytestmark = pytest.mark.skipif(legacy.find_soffice() is None, reason="LibreOffice (soffice) is not installed")

_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">
<office:body><office:text>
<text:p>Police chronology {frames}</text:p>
<table:table table:name="Chronology"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>Date</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Event</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>9 March 2015</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Home visit</text:p></table:table-cell></table:table-row>
</table:table></office:text></office:body></office:document-content>"""
_FRAME = ('<draw:frame draw:name="logo{n}" text:anchor-type="as-char" svg:width="2cm" svg:height="2cm">'
          '<draw:image xlink:href="{url}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
          "</draw:frame>")
_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def linked_odt(path: Path, *urls: str) -> Path:
    """A one-row chronology whose pictures are linked (not embedded) to ``urls``."""
    frames = "".join(_FRAME.format(n=n, url=url) for n, url in enumerate(urls))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", _MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", _CONTENT.format(frames=frames), zipfile.ZIP_DEFLATED)
    return path


@contextmanager
def loopback_listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP listener on 127.0.0.1; the list collects what each connection sent."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    received: list[bytes] = []
    try:
        yield server.getsockname()[1], received
    finally:
        while True:
            try:
                connection, _ = server.accept()
            except BlockingIOError:
                break
            connection.settimeout(2)
            with connection:
                received.append(connection.recv(200) or b"(connected)")
        server.close()


def _import_sees(tmp_path: Path) -> list[bytes]:
    with loopback_listener() as (port, received):
        path = linked_odt(tmp_path / "linked.odt", f"http://127.0.0.1:{port}/logo.png",
                          "http://images.agency-portal.invalid/logo.png")
        parsed = parse_submission(path)
        assert parsed.rows_read == 1 and parsed.importer == "legacy-odt"
    return received


def test_a_linked_picture_is_never_fetched(tmp_path: Path) -> None:
    assert _import_sees(tmp_path) == []


def test_the_network_namespace_alone_stops_the_fetch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not legacy.offline_prefix():
        pytest.skip("no network namespace can be made here")
    monkeypatch.setattr(legacy, "_PROFILE_SETTINGS", '<?xml version="1.0"?><oor:items '
                        'xmlns:oor="http://openoffice.org/2001/registry"/>')
    assert _import_sees(tmp_path) == []


def test_the_profile_alone_stops_the_fetch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy, "offline_prefix", lambda: ())
    assert _import_sees(tmp_path) == []


_IMPORT = """
import sys
from scrchron.importers import parse_submission
print(parse_submission(sys.argv[1]).rows_read)
"""
_INTERNET = re.compile(r"\b(connect|sendto|sendmsg)\(\d+, .*sa_family=AF_INET6?\b")


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_no_process_of_the_import_tries_to_reach_the_network(tmp_path: Path,
                                                             request: pytest.FixtureRequest) -> None:
    path = linked_odt(tmp_path / "linked.odt", "http://127.0.0.1:9/logo.png",
                      "http://images.agency-portal.invalid/logo.png")
    log = tmp_path / "strace.log"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log),
                           sys.executable, "-c", _IMPORT, str(path)],
                          capture_output=True, text=True, timeout=180, env=env, check=False)
    if done.returncode != 0 and "ptrace" in done.stderr:
        pytest.skip(f"strace cannot trace here: {done.stderr.strip()[:200]}")
    assert done.returncode == 0 and done.stdout.strip() == "1", done.stderr[-2000:]
    traced = log.read_text(encoding="utf-8", errors="replace")
    attempts = [line for line in traced.splitlines() if _INTERNET.search(line)]
    processes = len({line.split(" ", 1)[0] for line in traced.splitlines() if line[:1].isdigit()})
    record_figure(request.config, "Network attempts by any process of a LibreOffice import (strace -f)",
                  f"{len(attempts)} (processes traced: {processes})")
    assert attempts == []


def test_the_namespace_is_found_even_when_path_lookups_fail_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """A first look-up without PATH (as some tests and some desktops have) must not turn it off."""
    if not legacy.offline_prefix():
        pytest.skip("no network namespace can be made here")
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert legacy.offline_prefix()
    monkeypatch.undo()
    assert legacy.offline_prefix()
