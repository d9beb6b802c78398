"""Real names to pseudonyms, and the leak check every anonymised export runs.

- ``anonymise``: the anonymiser and the read-back leak check.
- ``forms``: every way the records write a person's name.
- ``quotes``: quoted speech, role words and places around a name.
- ``seen_text``: text as a reader sees it (soft hyphens, look-alike letters...).
- ``tokens``: names inside emails, links, handles and run-together words.
- ``decisions``: the reviewer's decisions about doubtful name forms.
"""
