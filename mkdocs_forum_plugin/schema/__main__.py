"""Write thread.schema.json from the format declarations."""

from . import SCHEMA_FILE, schema_text

SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
