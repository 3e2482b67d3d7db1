"""Demo and test data that is not part of the product: `photos` draws the demo's photos of
street ads. It lives beside the `raovat` package, not in it, so an installation carries no
generator; `manage.py demo` and the tests import it from the source tree."""
