"""Optional packages of the adapters: imported on demand, with an error naming the extra.

>>> require("json", module="kztranslit.example", needs="json", extra="example").__name__
'json'
>>> require("no_such_package_xyz", module="kztranslit.example", needs="xyz", extra="example")
Traceback (most recent call last):
...
kztranslit.errors.MissingExtra: kztranslit.example needs xyz: pip install '.[example]'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtra

__all__ = ["require"]


def require(package: str, *, module: str, needs: str, extra: str) -> ModuleType:
    """Import ``package``, or raise :class:`~kztranslit.errors.MissingExtra` naming the extra to install."""
    try:
        return importlib.import_module(package)
    except ImportError as e:
        raise MissingExtra(module, needs, extra) from e
