"""newsarchive: the archive's domain logic, independent of any site generator.

Pipeline, one module per step: raw text → ``ingest`` (``chrome``, ``dates``,
``sources``, ``gazetteer``, ``classify``) → ``article`` (model, front matter) →
``taxonomy`` (listings) → pages handed to MkDocs by ``hooks/``. Nothing here
imports MkDocs, so the logic outlives MkDocs 1.x and Material.
"""
