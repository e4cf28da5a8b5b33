"""The domain: records and their vocabularies, the journal, pure edits, the project and its documents.

Nothing here imports Textual, Rich, spaCy or datasets (import-linter checks it): every
other layer builds on these modules, and they must stay cheap to import and easy to test.
"""
