"""The REST API under /api/v1/: clients with hashed tokens, problem details, cases."""
