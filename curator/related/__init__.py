"""Related stories by content: term signatures of stories and the suggestions drawn from them."""
