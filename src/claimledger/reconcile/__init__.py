"""Across articles: clusters of claims, figure comparisons, corroboration."""
