"""Who may see a subscriber's identity. The rule lives with the other two access rules
in `raovat.cases.selectors.access`; these names stay for the callers that use them."""

from raovat.cases.selectors.access import identity_scope, may_see_identity

__all__ = ["identity_scope", "may_see_identity"]
