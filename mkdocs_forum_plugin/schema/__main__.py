"""Write the schema files from the format declarations."""

from . import SCHEMAS, schema_text

for file in SCHEMAS:
    file.write_text(schema_text(file), encoding="utf-8")
