"""``corpus-tui train``: a spaCy pipeline learnt from an annotator's finished documents.

It proposes quote spans with their kind, cue spans and speaker mentions (a span finder
and a span categorizer, ``suggest.trained`` names them) and a stance for each quote (a
text classifier), and is scored on held-out documents next to the rules. Importing this
package is cheap: spaCy is imported when training starts.

Where what lives:

- ``settings``: the knobs (``TrainSettings``) and the sizes a test or a user picks
- ``gold``: which documents train, tune and score (the export's stable hash), and refusing too little gold
- ``examples``: gold annotations as spaCy ``Example``s (spans, candidates, stance texts)
- ``build``: the pipeline: the installed parser pipeline plus the new components
- ``loop``: the training loop (epochs, time bound, best epoch on the tuning documents)
- ``scores``: held-out scores of the rules, the model and both; the stance threshold
- ``card``: the model card and meta written next to the pipeline
- ``run``: the whole run, from a project to a saved model folder
"""
