from django.core.management.base import BaseCommand, CommandError

from gongkai.web.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and the upload store into BACKUP_DIR, keeping the newest BACKUP_KEEP."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="where to write (default: BACKUP_DIR)")
        parser.add_argument(
            "--keep", type=int, help="backups to keep (default: BACKUP_KEEP; 0 keeps all)"
        )

    def handle(self, dir=None, keep=None, **options):
        try:
            path = backup(dir, keep)
        except BackupError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(str(path))
