"""Built-in registration for meetings: seats, the personal link, and the signals other parts use.

``seats`` gives and frees seats atomically; ``tokens`` makes the registrant's personal link;
``signals`` tells emails and editors what happened, once the transaction has committed.
``notices`` and ``changes`` queue the emails (``emails``, with ``calendar_file``'s ``.ics``) as
``tasks``; ``reminders`` sends each reminder once (docs/registration.md).
"""
