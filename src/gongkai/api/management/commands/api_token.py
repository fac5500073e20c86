"""API tokens from the command line: issue one (printed once), list them, revoke one.

manage.py api_token USER [--name NAME] [--days N]
manage.py api_token --list [USER]
manage.py api_token --revoke ID
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.api.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token for a staff user (printed once), list tokens (--list) or revoke one (--revoke ID)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?")
        parser.add_argument("--name", default="api")
        parser.add_argument("--days", type=int, help="lifetime in days (default: API_TOKEN_DAYS)")
        parser.add_argument("--list", action="store_true", help="list tokens (of USER if given)")
        parser.add_argument(
            "--revoke", type=int, metavar="ID", help="revoke the token with this id"
        )

    def handle(self, username, name, days, list, revoke, **options):
        if revoke is not None:
            token = ApiToken.objects.filter(pk=revoke).first()
            if token is None:
                raise CommandError(f"没有令牌：{revoke}")
            token.revoke()
            self.stdout.write(f"{token.pk} {token.state}")
            return
        if list:
            tokens = ApiToken.objects.select_related("user").order_by("pk")
            if username:
                tokens = tokens.filter(user__username=username)
            for t in tokens:
                used = t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else "-"
                self.stdout.write(
                    f"{t.pk}\t{t.user.get_username()}\t{t.name}\t{t.state}\t"
                    f"expires {t.expires_at.isoformat(timespec='seconds')}\tlast used {used}"
                )
            return
        if not username:
            raise CommandError("给出用户名以签发令牌，或使用 --list / --revoke ID")
        if days is not None and days < 1:
            raise CommandError("--days 至少为 1")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户：{username}")
        _, token = ApiToken.issue(user, name, days)
        self.stdout.write(token)
