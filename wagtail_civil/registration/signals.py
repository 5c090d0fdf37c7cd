"""What happened to a registration, sent after the transaction that did it has committed.

Emails and editor notices listen here rather than being called from the seat code, so a site can
add its own receivers (like Wagtail's ``page_published``) and a rolled-back registration tells
nobody anything.
"""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["meeting_filled_to", "registration_cancelled", "registration_made", "seat_given"]

# registration, created (False: the email had registered already), by_staff, send_confirmation
registration_made = Signal()
# registration (now cancelled), by_staff
registration_cancelled = Signal()
# registration: moved up from the waitlist to a seat
seat_given = Signal()
# meeting, mark (per cent of the seats now taken: one of civilsamhalle.registration.FILL_MARKS)
meeting_filled_to = Signal()
