"""Scorers behind ``claimledger eval``; they agree with the reference scorers in ../shared/eval."""
