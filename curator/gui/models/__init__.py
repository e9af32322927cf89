"""Qt item models over the library's light rows."""
