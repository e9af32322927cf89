"""Pure desk logic (no database, no Qt): three-way merges of story fields and @mentions."""
