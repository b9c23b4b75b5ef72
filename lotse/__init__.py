"""Lotse: process-automation workbench for city administrations (the application shell)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("lotse")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unbekannt"
