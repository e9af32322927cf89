"""Fact-checking core: attribution and quote detection, text-quote anchors, verdict scales and ClaimReview data."""
