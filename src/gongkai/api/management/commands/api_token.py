from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.api.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token for a staff user (printed once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api")

    def handle(self, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户：{username}")
        _, token = ApiToken.issue(user, name)
        self.stdout.write(token)
