from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.web.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (stop the servers and the worker first)."
    requires_system_checks = []  # restoring must work whatever the database holds now

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup folder (BACKUP_DIR/gongkai-…)")
        parser.add_argument(
            "--yes", action="store_true", help="replace the current database and uploads"
        )

    def handle(self, backup, yes, **options):
        if not yes:
            raise CommandError(
                "restore replaces the database and the uploads: add --yes to go ahead"
            )
        try:
            manifest = restore(Path(backup))
        except BackupError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(
            f"restored {backup}: database ({manifest['database']['vendor']}), "
            f"{manifest['uploads']['count']} uploads"
        )
