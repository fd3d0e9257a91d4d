"""Stage 3, the site: articles in, pages out — taxonomy and listings (``taxonomy``,
``indexes``, ``stats``), page HTML (``render``, ``pages``, ``display``), feeds, the search
index, and the build that ties them (``build``). Never imports :mod:`newsarchive.clean`."""
