"""Developer tools that generate committed files; not part of the running product."""
