"""Product formats beyond the interchange contract: PolNeAR-style brat standoff (:mod:`.brat`, with
PolNeAR's cue-edge conventions in :mod:`.cue_edges`)."""
