"""The SQLite store: schema, connections, migrations and every query srs-wb makes."""
