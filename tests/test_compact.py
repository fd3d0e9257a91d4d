"""compact_html: indentation goes, what a browser shows stays."""

from __future__ import annotations

import pytest

from newsarchive.site.compact import compact_html


@pytest.mark.parametrize(("html", "expected"), [
    ("<div>\n    <p>Tin</p>\n  </div>\n", "<div>\n<p>Tin</p>\n</div>\n"),
    ("<p>a</p>\n\n\n  \n<p>b</p>", "<p>a</p>\n<p>b</p>"),
    ("<p>Hải Phòng  và  Kiên Giang</p>", "<p>Hải Phòng  và  Kiên Giang</p>"),
    ("<a>x</a>\n   <a>y</a>", "<a>x</a>\n<a>y</a>"),
    ("<pre>\n    code\n</pre>", "<pre>\n    code\n</pre>"),
    ("<textarea>\n  a\n</textarea>\n  <p>", "<textarea>\n  a\n</textarea>\n  <p>"),
    ("&lt;pre&gt;\n  x", "&lt;pre&gt;\nx"),
], ids=["indentation", "blank-lines", "spaces-inside-a-line-kept",
        "space-between-inline-elements-kept", "pre-page-untouched", "textarea-page-untouched",
        "escaped-pre-is-text"])
def test_compact_html(html: str, expected: str) -> None:
    assert compact_html(html) == expected
