"""``claimledger_attribution_model``: the learned tagger-linker (:mod:`.component`) and its network
(:mod:`.net`: frozen MiniLM features, BiLSTM tagger, decoding and linking).  Trained by ``training/``.
"""
