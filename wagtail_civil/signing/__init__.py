"""Organisations asking to sign an agreement: the public form, editors' decisions, emails,
retention (docs/signing-requests.md)."""
