"""data·inclusion v1: the schema's rules (:mod:`.schema`, :mod:`.enums`) and the rows PEPITES
exports (:mod:`.export`), plain Python tested without a database. The import (issue 18, h18-import)
validates its rows with the same :func:`.schema.validate_structure`."""
