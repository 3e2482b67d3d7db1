"""Loaded by pytest before the settings (`-p tests.development` in pyproject.toml): the
tests start the product as a development instance, as a developer does with DEBUG=true.
pytest-django still runs each test with DEBUG off; a test that wants production settings
starts a process of its own with the environment it names."""

import os

os.environ.setdefault("DEBUG", "true")
