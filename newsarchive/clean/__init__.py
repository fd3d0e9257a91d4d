"""Stage 1, cleaning: raw text or a saved HTML page in, an :class:`Article` out.

``raw`` and ``html_page`` read inputs; ``chrome`` strips page furniture; ``dates``,
``sources``, ``bylines``, ``classify`` and ``provinces`` decide one concern each;
``extract`` assembles the article; ``ingest`` runs a batch into ``articles/``.
"""
