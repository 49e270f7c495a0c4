import json

from django.core.management.base import BaseCommand
from django.utils import translation


class Command(BaseCommand):
    help = "Print the OpenAPI document of /api/v1/ (committed as docs/openapi.json)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(openapi_document())


def openapi_document() -> str:
    """The API's OpenAPI document as stable, pretty-printed JSON."""
    from aihub.api import api

    with translation.override("en"):
        schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
