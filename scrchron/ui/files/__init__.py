"""The File menu's work: opening and creating reviews, protecting them with a passphrase,
exporting, and sending templates to agencies."""
