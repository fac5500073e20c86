"""Agency intranets are offline: no template loads anything from another host."""

from __future__ import annotations

import re
from pathlib import Path

import gongkai

SRC = Path(gongkai.__file__).resolve().parent


def test_it_loads_no_script_or_style_from_another_host():
    templates = [p for p in SRC.rglob("templates/**/*.html")]
    assert templates
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), path


def test_it_vendors_htmx_2():
    htmx = SRC / "web" / "static" / "gongkai" / "htmx.min.js"
    assert htmx.read_text(encoding="utf-8").startswith("var htmx=function()")
    assert 'version:"2.' in htmx.read_text(encoding="utf-8")
