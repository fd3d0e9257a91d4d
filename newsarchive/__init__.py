"""newsarchive: the archive's domain logic, independent of any site generator.

The folders are the pipeline, each stage importing only the ones before it:

- shared primitives: :mod:`newsarchive.text` (NFC, folding, slugs),
  :mod:`newsarchive.gazetteer` (the 63 → 34 provinces), :mod:`newsarchive.errors`;
- :mod:`newsarchive.clean`: raw text or a saved page → an :class:`Article`;
- :mod:`newsarchive.article`: the model, its front matter and its checks;
- :mod:`newsarchive.site`: articles → listings, pages, feeds, search index.

Nothing here imports MkDocs, so the logic outlives MkDocs 1.x and Material;
``hooks/`` and ``scripts/`` are thin adapters over it.
"""
