"""Attribution: who claims what, through whom, how sure.

Components (one factory each):

* ``claimledger_attributions`` (:mod:`.component`) — the rule finder; its rules are in :mod:`.rules`
  (verbs, "according to", nouns, headlines, quotes), its cue words in :mod:`.lexicon`;
* ``claimledger_attribution_model`` (:mod:`.model`) — the learned tagger-linker on MiniLM features;
* ``claimledger_attribution_combine`` (:mod:`.combine`) — the model, with the rules filling its gaps;
* ``claimledger_attribution_enrich`` (:mod:`.enrich`) — stance, hedging, direct/indirect, the
  reporting chain, source names, kinds, roles and affiliations, pronouns resolved.

Shared pieces: :mod:`.quotes` (quotation marks and spans), :mod:`.stance` (speech act and hedges).
"""
