"""The built-in self-test (``fazhi-desktop --selftest``), run in-process as the installers run
it on a frozen build: every step passes on a healthy installation, a failing step stops the
run with exit status 1, and the user's keyring is never touched."""

from __future__ import annotations

import io
import sys

import keyring
import keyring.backend
import keyring.core
import pytest

from fazhi_desktop import selftest


class ForbiddenKeyring(keyring.backend.KeyringBackend):
    """Stands for the user's real keyring: any use is recorded."""

    priority = 0.5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append(f"get {username}")
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append(f"set {username}")

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append(f"delete {username}")


@pytest.fixture
def real_keyring():
    previous = getattr(keyring.core, "_keyring_backend", None)
    ring = ForbiddenKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.core._keyring_backend = previous


def test_every_step_passes_and_the_users_keyring_is_untouched(real_keyring, tmp_path,
                                                               monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    out, err = io.StringIO(), io.StringIO()
    code = selftest.run(out, err)
    text = out.getvalue()
    assert code == 0, text + err.getvalue()
    lines = [line for line in text.splitlines() if line.startswith("[")]
    assert len(lines) == len(selftest.STEPS)
    assert all("通过 OK" in line for line in lines)
    for zh, en, _ in selftest.STEPS:
        assert zh in text and en in text
    assert "qtbase_zh_CN" in text
    assert text.rstrip().splitlines()[-1].startswith("自检通过 / self-test passed")
    # the sync step used its own in-memory keyring and put the user's back afterwards
    assert real_keyring.calls == []
    assert keyring.get_keyring() is real_keyring
    # everything was written to a temporary folder that is gone now
    assert list(tmp_path.iterdir()) == []


def test_a_failing_step_stops_the_run_with_status_1(monkeypatch):
    ran: list[str] = []

    def broken(run):
        raise RuntimeError("磁盘已满")

    def later(run):
        ran.append("later")
        return ""

    monkeypatch.setattr(selftest, "STEPS", (("版本", "version", selftest.step_version),
                                            ("坏步骤", "broken", broken),
                                            ("后续", "later", later)))
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run(out, err) == 1
    assert "[2/3] 失败 FAIL  坏步骤 / broken：磁盘已满" in out.getvalue()
    assert "self-test FAILED" in out.getvalue()
    assert "RuntimeError: 磁盘已满" in err.getvalue()
    assert ran == []


def test_a_frozen_build_without_version_metadata_fails(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(selftest, "__version__", "0.0.0")
    with pytest.raises(selftest.SelftestFailure, match="version metadata missing"):
        selftest.step_version(None)  # type: ignore[arg-type]


def test_windowed_build_without_stdout_still_runs(monkeypatch):
    """A windowed Windows build has ``sys.stdout is None``: the run must not crash on print."""
    monkeypatch.setattr(selftest, "STEPS", (("版本", "version", selftest.step_version),))
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert selftest.run() == 0


def test_the_selftest_keyring_is_never_chosen_by_discovery():
    assert not selftest.MemoryKeyring.viable
    assert selftest.MemoryKeyring not in set(keyring.backend.KeyringBackend.get_viable_backends())


def test_app_main_runs_the_selftest_before_any_window(monkeypatch):
    from fazhi_desktop import app

    called: list[list[str]] = []
    monkeypatch.setattr(selftest, "main", lambda argv=None: called.append(argv) or 0)

    def no_window(*args, **kwargs):
        raise AssertionError("--selftest must not create the application window")

    monkeypatch.setattr(app, "make_application", no_window)
    assert app.main(["--selftest"]) == 0
    assert called == [["--selftest"]]
