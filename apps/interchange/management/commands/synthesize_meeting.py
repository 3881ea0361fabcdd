"""`synthesize_meeting [--series S] [--states 185] ... [--seed N] [--replace]`: a large meeting."""

import time

from django.core.management.base import BaseCommand, CommandError

from apps.interchange.synthetic import DEFAULT_SERIES, SyntheticSizes, synthesize_meeting
from apps.meetings.models import Meeting


class Command(BaseCommand):
    help = (
        "Create a deterministic synthetic meeting of Review-Conference size (for benchmarks "
        "and load tests): States Parties with delegations, every rule-44 category, agenda "
        "items with interventions, and a registry of documents with revisions and corrigenda."
    )

    def add_arguments(self, parser):
        defaults = SyntheticSizes()
        parser.add_argument("--series", default=DEFAULT_SERIES, help="The meeting's series.")
        parser.add_argument("--states", type=int, default=defaults.states)
        parser.add_argument("--members-min", type=int, default=defaults.members_min)
        parser.add_argument("--members-max", type=int, default=defaults.members_max)
        parser.add_argument("--items", type=int, default=defaults.items)
        parser.add_argument(
            "--interventions", type=int, default=defaults.interventions, help="Per agenda item."
        )
        parser.add_argument("--documents", type=int, default=defaults.documents)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--replace", action="store_true", help="Delete an existing meeting of the series."
        )

    def handle(self, *args, **options):
        series = options["series"]
        if Meeting.objects.filter(series=series).exists() and not options["replace"]:
            raise CommandError(f"{series} exists; pass --replace to build it again.")
        for name in ("states", "items", "interventions", "documents", "members_min"):
            if options[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} must be at least 1.")
        if options["members_min"] > options["members_max"]:
            raise CommandError("--members-min is larger than --members-max.")
        sizes = SyntheticSizes(
            states=options["states"],
            members_min=options["members_min"],
            members_max=options["members_max"],
            items=options["items"],
            interventions=options["interventions"],
            documents=options["documents"],
        )
        started = time.perf_counter()
        summary = synthesize_meeting(
            series=series, sizes=sizes, seed=options["seed"], replace=options["replace"]
        )
        self.stdout.write(
            f"{summary.meeting.series}: {summary.delegations} delegations "
            f"({summary.members} members), {summary.items} agenda items, "
            f"{summary.interventions} interventions, {summary.documents} documents "
            f"in {time.perf_counter() - started:.1f} s."
        )
