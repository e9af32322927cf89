"""The vocabulary every layer shares: frozen dataclasses, enums and errors. Imports nothing above ``core``."""
