import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create a superuser for local development with a random password, once, and print how "
        "to log in. The password is kept in var/admin-password.txt (ignored by git)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--base-url", default=settings.WAGTAILADMIN_BASE_URL)

    def handle(self, *args, username, base_url, **options):
        password_file = settings.BASE_DIR / "var" / "admin-password.txt"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(username, email="", password=password)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            # Readable by its owner only, from the moment it exists.
            descriptor = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(password + "\n")
        elif password_file.is_file() and user.check_password(password_file.read_text().strip()):
            password = password_file.read_text().strip()
        else:
            password = None

        url = base_url.rstrip("/") + "/admin/"
        self.stdout.write(self.style.SUCCESS(f"Admin: {url}  username: {username}"))
        if password:
            self.stdout.write(
                self.style.SUCCESS(f"       password: {password}  (in {password_file})")
            )
        else:
            self.stdout.write(
                "       password: changed since it was generated; set a new one with: "
                f".venv/bin/python manage.py changepassword {username}"
            )
