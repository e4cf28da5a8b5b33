"""spaCy pre-annotation: suggested quotes (direct, indirect, mixed), cues and speakers.

Importing this package is cheap: spaCy is imported only when a model is loaded
(``pipeline.load_model``), so the CLI and the TUI can import the command lazily.
The rules follow the project's span guidelines (see README "Suggestions"): they are what
``evaluate`` scores against the gold journal.

Where a rule lives:

- ``speech``: the rules end to end (``analyze``), and which of two overlapping quotes wins
- ``quotes``: quotation-mark pairing, continued quotes, paragraph roles (headline, caption)
- ``direct``: which quotations are direct quotes, and quotes sharing another's attribution
- ``attribution``: the cue verb of a direct quote (before or after it), and a cue's speaker
- ``content``: indirect and mixed quotes, the content clause of a speech verb
- ``according``: "according to X" quotes (the sentence around the phrase is the content)
- ``speakers``: the speaker mention of a verb (parse subject or word pattern), titles dropped
- ``entities``: which person a mention is (last names, pronouns, roles, places)
- ``people``: the full names and subjects of a document, the candidates for ``entities``
- ``gender``: what the text says of a person's gender, so "she" skips a man
- ``names``: one spelling per person across the corpus
- ``lexicon``: the word lists (speech verbs, titles, role nouns, countries)
- ``parsed``: the document lookups every rule shares (paragraphs, marks, tokens, speech verbs)
- ``trained``: a model ``corpus-tui train`` wrote: its names, its quotes, how they join the rules'
- ``stance``: a trained model's stance suggestions, above its held-out threshold
- ``merge``: fresh suggestions into an annotation, never over a person's work
- ``pipeline``: which spaCy model, loaded once (``ModelCache``); ``runner``: a whole project
"""
