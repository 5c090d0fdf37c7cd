"""``manage.py demo_admin``: make sure the demo has an administrator whose password is known.

``createsuperuser --noinput`` fails the second time it runs, and a demo whose printed password
no longer works is worse than none, so this command creates the user or resets its password
to the one it prints, every time. It refuses to run with DEBUG off: a known password on a
public site would be a hole.
"""

from __future__ import annotations

import os

from demo.loader import parse_host
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "civilsamhalle-demo"


class Command(BaseCommand):
    help = "Create or reset the demo site's administrator and print how to log in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--username", default=os.environ.get("DEMO_ADMIN_USERNAME", DEFAULT_USERNAME)
        )
        parser.add_argument(
            "--password", default=os.environ.get("DEMO_ADMIN_PASSWORD", DEFAULT_PASSWORD)
        )
        parser.add_argument(
            "--host",
            default=None,
            help="Where the demo runs (127.0.0.1:8124), for the admin address printed "
            "(default: WAGTAILADMIN_BASE_URL).",
        )

    def handle(
        self,
        *args: object,
        username: str,
        password: str,
        host: str | None = None,
        **options: object,
    ) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_admin only runs with DEBUG on; use createsuperuser instead.")
        user_model = get_user_model()
        user, created = user_model._default_manager.get_or_create(
            **{user_model.USERNAME_FIELD: username},
            defaults={"email": f"{username}@demo.civilsamhalle.example"},
        )
        user.is_staff = True
        user.is_superuser = True
        user.is_active = True
        user.set_password(password)
        user.save()
        verb = "Created" if created else "Reset"
        if host:
            try:
                hostname, port = parse_host(host)
            except ValueError as exc:
                raise CommandError(f"--host: {exc}") from exc
            name = f"[{hostname}]" if ":" in hostname else hostname
            base = f"http://{name}" + ("" if port == 80 else f":{port}")
        else:
            base = getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
            base = base.rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(f"{verb} the demo administrator.")
            + f"\n  Admin:    {base}/admin/\n  User:     {username}\n  Password: {password}"
        )
