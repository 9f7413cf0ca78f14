"""The desktop GUI (PySide6 only). See docs/ARCHITECTURE.md, "ui/ and app.py"."""

from fazhi_desktop.ui.qtfixes import protect_none

protect_none()  # before any model can hand None to Qt (see qtfixes)
