"""Writing aids: spell checking across languages, house style and readability; pure Python, no Qt, no database."""
