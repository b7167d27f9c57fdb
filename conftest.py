"""Tests and doctests see the embedded data only: a developer's own imported gazetteer
(``kztranslit data import-geonames``) is hidden behind an empty user data directory."""

from __future__ import annotations

import os
import tempfile

os.environ["KZTRANSLIT_DATA"] = tempfile.mkdtemp(prefix="kztranslit-test-data-")
