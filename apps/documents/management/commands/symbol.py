"""`symbol parse SYMBOL ...` (`-`: one symbol a line from stdin) and `symbol next SERIES TYPE`."""

import dataclasses
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from apps.documents import services, symbols
from apps.documents.enums import DocumentType
from apps.meetings.models import Meeting


def parsed(text: str) -> dict:
    """One line of output: the symbol's parts and `canonical`, or `error` with where it is."""
    try:
        symbol = symbols.parse_symbol(text)
    except symbols.SymbolSyntaxError as error:
        return {"input": text, "error": str(error), "part": error.part, "position": error.position}
    parts = dataclasses.asdict(symbol)
    parts["modifiers"] = [f"{m['kind']}.{m['number']}" for m in parts["modifiers"]]
    return {
        "input": text,
        **parts,
        "meeting_series": symbol.meeting_series,
        "canonical": symbols.format_symbol(symbol),
    }


class Command(BaseCommand):
    help = "Parse UN document symbols, or show the next symbol the registry would mint."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        parse = sub.add_parser("parse", help="Parse symbols; one JSON object a line.")
        parse.add_argument(
            "symbols", nargs="+", help="Symbols, or - to read one a line from stdin."
        )
        following = sub.add_parser("next", help="The symbol minting would give next.")
        following.add_argument("series", help="A meeting's series, e.g. BWC/MSP/2020/MX.5.")
        following.add_argument("doc_type", help="WP, CRP, INF, MISC, L, or MAIN for a bare number.")

    def handle(self, *args, **options):
        if options["verb"] == "next":
            return self.next_symbol(options["series"], options["doc_type"])
        texts = options["symbols"]
        if texts == ["-"]:
            texts = [line.rstrip("\n") for line in sys.stdin if line.strip()]
        invalid = 0
        for text in texts:
            result = parsed(text)
            invalid += "error" in result
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        if invalid:
            raise CommandError(f"{invalid} of {len(texts)} symbols are invalid.", returncode=1)
        return None

    def next_symbol(self, series: str, doc_type: str) -> None:
        code = "" if doc_type.upper() == "MAIN" else doc_type.upper()
        if code not in DocumentType.values:
            raise CommandError(
                f"Unknown document type '{doc_type}': use one of WP, CRP, INF, MISC, L, MAIN."
            )
        try:
            series = symbols.parse_series(series)
        except symbols.SymbolSyntaxError as error:
            raise CommandError(str(error)) from error
        if not Meeting.objects.filter(series=series).exists():
            raise CommandError(f"No meeting has the series {series}.")
        self.stdout.write(services.next_symbol(series=series, doc_type=DocumentType(code)))
