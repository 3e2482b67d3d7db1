"""Events to the systems of API clients: queued with the transition, signed, retried
(docs/decisions/024-webhooks.md)."""
