"""Command-line subcommands; each module registers its parsers and handlers on the main parser."""
