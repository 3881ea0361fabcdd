"""`synthesize_meeting [--series S] [--states 185] ... [--seed N] [--replace]`: a large meeting.

Every size of `SyntheticSizes` is an option (`--states`, `--members-min`, `--members-max`,
`--items`, `--interventions`, `--documents`, `--signatories`, `--observers`, `--un-entities`,
`--organizations`, `--ngos`, `--guests`, `--days`, `--participants`); the same seed and sizes
give the same meeting.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from apps.interchange.synthetic import DEFAULT_SERIES, SyntheticSizes, synthesize_meeting
from apps.meetings.models import Meeting

# Sizes that may be zero (a category with nobody in it); the others are at least 1.
MAY_BE_ZERO = (
    "signatories",
    "observers",
    "un_entities",
    "organizations",
    "ngos",
    "guests",
    "participants",
)
AT_LEAST_ONE = ("states", "items", "interventions", "documents", "members_min", "days")
MIN_STATES = 3  # the chair and the two vice-chairs come from three States Parties


class Command(BaseCommand):
    help = (
        "Create a deterministic synthetic meeting of Review-Conference size (for benchmarks "
        "and load tests): States Parties with delegations, every rule-44 category, agenda "
        "items with interventions, a registry of documents with revisions and corrigenda, "
        "nominations, check-ins over the sitting days and the lists of participants."
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
        parser.add_argument(
            "--signatories", type=int, default=defaults.signatories, help="Rule 44.1."
        )
        parser.add_argument(
            "--observers", type=int, default=defaults.observers, help="Observer States, 44.2."
        )
        parser.add_argument(
            "--un-entities", type=int, default=defaults.un_entities, help="Rule 44.3."
        )
        parser.add_argument(
            "--organizations", type=int, default=defaults.organizations, help="Rule 44.4."
        )
        parser.add_argument("--ngos", type=int, default=defaults.ngos, help="Rule 44.5.")
        parser.add_argument("--guests", type=int, default=defaults.guests)
        parser.add_argument(
            "--days", type=int, default=defaults.days, help="Sitting days with check-ins."
        )
        parser.add_argument(
            "--participants",
            type=int,
            default=defaults.participants,
            help="Accredited members (at most all of them); the others' nominations are "
            "submitted, returned or withdrawn.",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--replace", action="store_true", help="Delete an existing meeting of the series."
        )

    def handle(self, *args, **options):
        series = options["series"]
        if Meeting.objects.filter(series=series).exists() and not options["replace"]:
            raise CommandError(f"{series} exists; pass --replace to build it again.")
        if options["states"] < MIN_STATES:
            raise CommandError(f"--states must be at least {MIN_STATES}.")
        for name in AT_LEAST_ONE:
            if options[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} must be at least 1.")
        for name in MAY_BE_ZERO:
            if options[name] < 0:
                raise CommandError(f"--{name.replace('_', '-')} must not be negative.")
        if options["members_min"] > options["members_max"]:
            raise CommandError("--members-min is larger than --members-max.")
        sizes = SyntheticSizes(
            members_max=options["members_max"],
            **{name: options[name] for name in (*AT_LEAST_ONE, *MAY_BE_ZERO)},
        )
        started = time.perf_counter()
        summary = synthesize_meeting(
            series=series, sizes=sizes, seed=options["seed"], replace=options["replace"]
        )
        self.stdout.write(
            f"{summary.meeting.series}: {summary.delegations} delegations "
            f"({summary.members} members), {summary.items} agenda items, "
            f"{summary.interventions} interventions, {summary.documents} documents, "
            f"{summary.participants} participants with {summary.attendance} check-ins over "
            f"{sizes.days} days in {time.perf_counter() - started:.1f} s."
        )
