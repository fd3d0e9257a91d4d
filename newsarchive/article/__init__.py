"""Stage 2, the article: the model and its front matter (``model``), the body's Markdown
form (``body``), per-field checks (``checks``) and whole-file validation (``validate``)."""
