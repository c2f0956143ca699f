"""The rules behind ``claimledger_attributions``: token-level finders, no spaCy component here.

:mod:`.finder` is the entry point (``find_candidates``, ``extract``); :mod:`.verbs` reads reporting
verbs, :mod:`.other` the other constructions ("according to", noun cues, headlines, signed quotes),
:mod:`.base` the candidate record and shared helpers.
"""
