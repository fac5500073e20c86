import json
from pathlib import Path

from django.core.management.base import BaseCommand

from gongkai.api.schema import schema


class Command(BaseCommand):
    help = "Write the OpenAPI 3 schema of /api (docs/openapi.json is this output)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, output=None, **options):
        text = json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
