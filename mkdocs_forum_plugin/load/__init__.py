"""Load: YAML text to validated model objects, with file:line errors."""
