"""Small pure helpers shared by every layer: text folding, slugs, word counts."""
