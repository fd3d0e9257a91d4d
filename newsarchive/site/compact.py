"""Written pages without indentation: the theme's templates indent every line.

Material's templates indent their markup for people reading templates, not pages: about
2.6 KB of every page's 20 KB was leading whitespace. Each line break followed by
whitespace becomes one line break, which a browser renders the same (whitespace between
elements collapses to one space either way). A page with ``<pre>`` or ``<textarea>``,
where whitespace is content, is left as it is.

``minify-html`` 0.18.1 was measured against this on the fixture site's 43 pages: 20.3 %
smaller instead of 16.5 %, but 0.30 ms of CPU per page instead of 0.04 ms, and it
unquotes attributes and reorders them; the extra ~0.6 KB per page did not earn a new
compiled dependency (benchmarks/results/scale-2026-11-30.md).

>>> compact_html("<div>\\n    <p>Tin</p>\\n  </div>\\n")
'<div>\\n<p>Tin</p>\\n</div>\\n'
"""

from __future__ import annotations

import re

_INDENT = re.compile(r"\n[ \t\r\n]+")
_VERBATIM = ("<pre", "<textarea")


def compact_html(html: str) -> str:
    """``html`` with each run of line breaks and indentation cut to one line break."""
    if any(tag in html for tag in _VERBATIM):
        return html
    return _INDENT.sub("\n", html)
