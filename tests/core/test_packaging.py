"""The frozen build's recipe and the resources it ships, checked without building.

``make dist`` builds and smoke-tests the real thing (minutes); these tests run
build.spec with stand-ins for PyInstaller's classes and check what it asks for,
and check that every file the code loads from resources/ exists and ships.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import struct
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import scrchron
from scrchron.analysis import themes
from scrchron.demo import demo_review
from scrchron.runtime.resources import resource_path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
RESOURCES = ROOT / "resources"
PACKAGE = ROOT / "scrchron"

#: Modules allowed to call resource_path with names computed at run time; each has
#: its own test below that every name it can compute exists.
DYNAMIC_RESOURCE_USERS = {"scrchron/demo/demo_review.py", "scrchron/analysis/themes.py", "scrchron/ui/widgets/icons.py"}


class _Recorder:
    """Stands in for one PyInstaller build class: remembers its arguments."""

    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]]

    def __init__(self, kind: str, calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]]) -> None:
        self.kind, self.calls = kind, calls

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((self.kind, args, kwargs))
        if self.kind == "Analysis":
            return _FakeAnalysis(kwargs.get("datas", []))
        return object()


class _FakeAnalysis:
    """What Analysis returns: the TOCs the spec filters (a sample of what the Qt hooks add)."""

    def __init__(self, datas: list[tuple[str, str]]) -> None:
        self.pure: list[Any] = []
        self.scripts: list[Any] = []
        self.datas = [(f"{dest}/x", src, "DATA") for src, dest in datas] + [
            ("PySide6/Qt/translations/qtbase_de.qm", "/x", "DATA"),
            ("docx/templates/default-header.xml", "/x", "DATA"),
        ]
        self.binaries = [
            ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/imageformats/libqtiff.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/imageformats/qjpeg.dll", "/x", "BINARY"),
            ("PySide6/Qt/plugins/imageformats/libqsvg.so", "/x", "BINARY"),
            ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/x", "BINARY"),
            ("PySide6/Qt/lib/libQt6Core.so.6", "/x", "BINARY"),
        ]


def run_spec(platform: str = sys.platform) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Execute build.spec as PyInstaller would; return its globals and the calls it made, by class."""
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    namespace: dict[str, Any] = {"SPECPATH": str(ROOT), "__file__": str(SPEC), "__name__": "__main__"}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = _Recorder(kind, calls)
    real_platform = sys.platform
    sys.platform = platform
    try:
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    finally:
        sys.platform = real_platform
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for kind, args, kwargs in calls:
        by_kind.setdefault(kind, []).append({"args": args, **kwargs})
    return namespace, by_kind


@pytest.fixture(scope="module")
def spec() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    return run_spec()


# -- build.spec ----------------------------------------------------------------------


def test_spec_builds_one_windowed_folder_named_scrchron(spec: tuple[dict[str, Any], Any]) -> None:
    _, calls = spec
    (analysis,) = calls["Analysis"]
    assert [Path(s) for s in analysis["args"][0]] == [PACKAGE / "__main__.py"]
    (exe,) = calls["EXE"]
    assert exe["name"] == "scrchron"
    assert exe["console"] is False
    assert exe["exclude_binaries"] is True  # one folder, not one file
    assert Path(exe["icon"]).is_file()
    (collect,) = calls["COLLECT"]
    assert collect["name"] == "scrchron"


def test_spec_ships_the_whole_resources_folder(spec: tuple[dict[str, Any], Any]) -> None:
    _, calls = spec
    datas = calls["Analysis"][0]["datas"]
    assert (str(RESOURCES), "resources") in datas


def test_spec_reads_the_version_from_the_package() -> None:
    namespace, calls = run_spec(platform="darwin")
    assert namespace["VERSION"] == scrchron.__version__
    (bundle,) = calls["BUNDLE"]
    assert bundle["version"] == scrchron.__version__
    assert bundle["info_plist"]["CFBundleShortVersionString"] == scrchron.__version__


def test_spec_excludes_other_qt_bindings_and_tk(spec: tuple[dict[str, Any], Any]) -> None:
    _, calls = spec
    excludes = set(calls["Analysis"][0]["excludes"])
    assert {"PyQt5", "PyQt6", "PySide2", "tkinter"} <= excludes


def test_spec_collects_exactly_the_qt_modules_scrchron_imports(spec: tuple[dict[str, Any], Any]) -> None:
    namespace, calls = spec
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used.update(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert {f"PySide6.{name}" for name in used} == set(namespace["QT_MODULES"])
    excludes = set(calls["Analysis"][0]["excludes"])
    assert not excludes & set(namespace["QT_MODULES"])


def test_every_hidden_import_exists_and_is_commented(spec: tuple[dict[str, Any], Any]) -> None:
    namespace, calls = spec
    hidden = calls["Analysis"][0]["hiddenimports"]
    assert hidden == namespace["HIDDEN_IMPORTS"]
    for name in hidden:
        assert importlib.util.find_spec(name) is not None, name
    source = SPEC.read_text(encoding="utf-8")
    block = source[source.index("HIDDEN_IMPORTS = ["):]
    block = block[:block.index("\n]")]
    for name in hidden:
        (line,) = [line for line in block.splitlines() if f'"{name}"' in line]
        assert "#" in line.split(f'"{name}"', 1)[1], f"hidden import {name} needs a comment saying why"


def test_spec_drops_qt_files_scrchron_never_loads(spec: tuple[dict[str, Any], Any]) -> None:
    namespace, _ = spec
    unwanted = namespace["unwanted"]
    assert unwanted("PySide6/Qt/translations/qtbase_de.qm")
    assert unwanted("PySide6/Qt/plugins/imageformats/libqtiff.so")
    assert unwanted("PySide6/Qt/plugins/imageformats/qjpeg.dll")
    assert unwanted("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    for kept in ("PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
                 "PySide6/Qt/plugins/imageformats/libqsvg.so", "PySide6/Qt/lib/libQt6Core.so.6",
                 "resources/demo/gp-chronology.docx", "docx/templates/default-header.xml"):
        assert not unwanted(kept), kept


def test_spec_ships_python_docx_parts_folder(spec: tuple[dict[str, Any], Any]) -> None:
    # python-docx reads docx/parts/../templates/default-header.xml when a report gets a header.
    _, calls = spec
    assert calls["Analysis"][0]["module_collection_mode"] == {"docx.parts": "pyz+py"}


def test_windows_version_resource_carries_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyInstaller's versioninfo needs pefile, which only Windows installs: stand in for it.
    fake = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
                 "VarFileInfo", "VarStruct"):
        setattr(fake, name, lambda *args, _name=name, **kwargs: (_name, args, kwargs))
    package = types.ModuleType("PyInstaller.utils.win32")
    package.versioninfo = fake  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32", package)
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", fake)
    _, calls = run_spec(platform="win32")
    name, _, info = calls["EXE"][0]["version"]
    assert name == "VSVersionInfo"
    numbers = tuple(int(n) for n in scrchron.__version__.split("."))
    assert info["ffi"][2]["filevers"][:len(numbers)] == numbers
    (string_file_info, _) = info["kids"]
    strings = {s[1][0]: s[1][1] for s in string_file_info[1][0][0][1][1]}
    assert strings["FileVersion"] == strings["ProductVersion"] == scrchron.__version__
    assert Path(calls["EXE"][0]["icon"]).suffix == ".ico"


# -- resources ---------------------------------------------------------------------------


def _resource_calls() -> list[tuple[str, int, list[str] | None]]:
    """Every resource_path(...) call in scrchron/: (module, line, literal parts or None)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name != "resource_path" or path.name == "resources.py":
                continue
            literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
            parts = [str(a.value) for a in node.args if isinstance(a, ast.Constant)] if literal else None
            found.append((path.relative_to(ROOT).as_posix(), node.lineno, parts))
    return found


def test_every_resource_the_code_names_exists() -> None:
    calls = _resource_calls()
    assert calls, "expected resource_path calls in scrchron/"
    for module, line, parts in calls:
        if parts is None:
            assert module in DYNAMIC_RESOURCE_USERS, (
                f"{module}:{line} computes a resource name; add a test that every name it can "
                "compute exists, and list the module in DYNAMIC_RESOURCE_USERS")
            continue
        assert (RESOURCES.joinpath(*parts)).is_file(), f"{module}:{line} loads missing resources/{'/'.join(parts)}"


def test_every_demo_submission_and_theme_file_exists() -> None:
    for submission in demo_review.DEMO_SUBMISSIONS:
        assert submission.path.is_file(), submission.file
    for review_type, name in themes.THEME_FILES.items():
        assert (RESOURCES / "themes" / name).is_file(), review_type
        assert themes.default_themes(review_type), review_type


def test_every_size_of_the_app_icon_exists() -> None:
    from scrchron.ui.widgets.icons import APP_ICON_SIZES

    for size in APP_ICON_SIZES:
        assert (RESOURCES / "icons" / f"scrchron-{size}.png").is_file(), size


def test_resources_hold_no_test_data_or_build_leftovers() -> None:
    files = [p for p in RESOURCES.rglob("*") if p.is_file()]
    assert not [p for p in files if "__pycache__" in p.parts or p.suffix in (".pyc", ".scrchron")]
    assert sum(p.stat().st_size for p in files) < 1_000_000  # the folder ships in every copy of the app


def test_resource_path_finds_the_frozen_copy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resource_path("themes", "cspr.txt") == RESOURCES / "themes" / "cspr.txt"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("themes", "cspr.txt") == tmp_path / "resources" / "themes" / "cspr.txt"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_icon_pngs_match_their_sizes() -> None:
    assert (RESOURCES / "icons" / "scrchron.svg").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert _png_size((RESOURCES / "icons" / f"scrchron-{size}.png").read_bytes()) == (size, size)


def test_windows_icon_holds_png_entries_up_to_256() -> None:
    data = (RESOURCES / "icons" / "scrchron.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        assert (planes, bits) == (1, 32)
        side = width or 256
        assert _png_size(data[offset:offset + length]) == (side, height or 256)
        sizes.append(side)
    assert {16, 32, 48, 256} <= set(sizes)


def test_desktop_file_launches_scrchron_with_its_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(RESOURCES / "scrchron.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "scrchron"
    assert entry["Exec"].split()[0] == "scrchron"
    assert entry["Icon"] == "scrchron"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
