"""A synthetic meeting of realistic size, for benchmarks and query-count tests.

`synthesize_meeting` builds, from a seed and nothing else, a Review Conference of the size the
real ones have: about 185 States Parties with 3-15 delegates each, every rule-44 category
(signatories, observer States, United Nations entities, international organizations,
NGOs, a guest), officers, an adopted agenda whose items each carry a briefing, working papers
introduced, statements on behalf of groups and a long interactive discussion in English
alphabetical order, a registry of documents with revisions and corrigenda, and the
registration desk's work: nominations (about 2 000 accredited participants, the others
submitted, returned or withdrawn), check-ins over the meeting's 15 sitting days, and the
provisional and final lists of participants (MISC.1, INF.1).

The same seed and sizes give the same meeting, row for row. Rows are written with
`bulk_create` (a few dozen queries whatever the size), so no history rows are written, as
with `loaddata`. Registry entities are named `SYN-...`, reused by every synthetic meeting and
never confused with the fixtures' real States. Names are invented from syllables that have a
fixed Chinese transcription, so that the Chinese report reads like one.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from apps.agendas.enums import AgendaStatus, InterventionKind
from apps.agendas.models import Agenda, AgendaItem, Intervention
from apps.attendance.enums import ListKind, NominationStatus, RegistrationStatus, Session
from apps.attendance.models import AttendanceRecord, Nomination, ParticipantList, Registration
from apps.attendance.selectors import participants_snapshot
from apps.delegations.enums import MemberRole, Rule44Category
from apps.delegations.models import Delegation, DelegationMember, StatedCount
from apps.documents.enums import DocumentStatus, DocumentType, Modifier, SubmittedBy
from apps.documents.models import Document, DocumentSubmitter
from apps.entities.enums import EntityKind, TreatyStatusKind
from apps.entities.models import Entity, RegionalGroup, TreatyStatus
from apps.meetings.enums import Honorific, MeetingKind, MeetingStatus, OfficerRole
from apps.meetings.models import Meeting, Officer

DEFAULT_SERIES = "BWC/CONF.XX"
GENEVA = ZoneInfo("Europe/Zurich")

# Syllables with the characters the UN's Chinese transcriptions use for them.
SYLLABLES: tuple[tuple[str, str], ...] = (
    ("Ba", "巴"), ("Ca", "卡"), ("Da", "达"), ("Fe", "费"), ("Ga", "加"), ("Ha", "哈"),
    ("Ka", "卡"), ("La", "拉"), ("Ma", "马"), ("Na", "纳"), ("Pa", "帕"), ("Ra", "拉"),
    ("Sa", "萨"), ("Ta", "塔"), ("Va", "瓦"), ("Za", "扎"), ("Bo", "博"), ("Do", "多"),
    ("Lo", "洛"), ("Mo", "莫"), ("No", "诺"), ("Ro", "罗"), ("To", "托"), ("Vo", "沃"),
    ("Li", "利"), ("Mi", "米"), ("Ni", "尼"), ("Ri", "里"), ("Ti", "蒂"), ("Si", "西"),
    ("Ku", "库"), ("Lu", "卢"), ("Mu", "穆"), ("Nu", "努"), ("Ru", "鲁"), ("Tu", "图"),
    ("Ke", "克"), ("Le", "莱"), ("Me", "梅"), ("Ne", "内"), ("Re", "雷"), ("Te", "特"),
)  # fmt: skip
ENDINGS: tuple[tuple[str, str], ...] = (
    ("nia", "尼亚"), ("ria", "里亚"), ("land", "兰"), ("stan", "斯坦"), ("via", "维亚"),
    ("dor", "多尔"), ("ca", "卡"), ("ma", "马"), ("tia", "蒂亚"), ("ros", "罗斯"),
)  # fmt: skip
FORMS: tuple[tuple[str, str], ...] = (  # formal names, English and Chinese
    ("the Republic of {}", "{}共和国"),
    ("the Kingdom of {}", "{}王国"),
    ("the Federal Republic of {}", "{}联邦共和国"),
    ("the Democratic Republic of {}", "{}民主共和国"),
    ("the State of {}", "{}国"),
)
GROUPS: tuple[tuple[str, str, str, str, str], ...] = (
    # (code, name_en, name_zh, short_en, short_zh): the three BWC regional groups
    ("eeg", "Eastern European Group", "东欧集团", "EEG", "东欧集团"),
    ("wg", "Western Group", "西方集团", "WG", "西方集团"),
    (
        "nam",
        "Group of the Non-Aligned Movement and Other States",
        "不结盟运动和其他国家集团",
        "NAM",
        "不结盟运动",
    ),
)
TOPICS: tuple[tuple[str, str], ...] = (
    ("cooperation and assistance under Article X", "第十条之下的合作与援助"),
    ("review of developments in science and technology", "审查与《公约》有关的科学和技术发展"),
    ("strengthening national implementation", "加强国家执行"),
    ("assistance, response and preparedness", "援助、应对和准备"),
    ("institutional strengthening of the Convention", "在体制上加强《公约》"),
    ("confidence-building measures", "建立信任措施"),
    ("universalization of the Convention", "《公约》的普遍加入"),
    ("gender equality in the work of the Convention", "《公约》工作中的性别平等"),
    ("the Implementation Support Unit", "执行支助股"),
    ("compliance and verification", "遵约和核查"),
    ("biosafety and biosecurity", "生物安全和生物安保"),
    ("international cooperation on disease surveillance", "疾病监测方面的国际合作"),
    ("the sponsorship programme", "赞助方案"),
    ("financial matters", "财务事项"),
    ("the intersessional programme", "闭会期间方案"),
)
GIVEN = ("Ana", "Ben", "Chen", "Dara", "Elif", "Farid", "Grace", "Hana", "Ivan", "Jun", "Kofi")
FAMILY = ("Abara", "Bianchi", "Castro", "Dube", "Eriksen", "Fofana", "Garcia", "Haddad", "Ito")
# ISO 3166 leaves the alpha-3 codes XAA-XZZ to its users; XK? is left out (Kosovo uses XKX).
ISO3_FIRST = "ABCDEFGHIJLMNOPQRSTUVWXYZ"
ISO3_SECOND = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def synthetic_iso3(n: int) -> str:
    """The user-assigned ISO code of synthetic State `n` (1-based): XAA, XAB, ..."""
    first, second = divmod(n - 1, len(ISO3_SECOND))
    return f"X{ISO3_FIRST[first % len(ISO3_FIRST)]}{ISO3_SECOND[second]}"


@dataclass(frozen=True)
class SyntheticSizes:
    states: int = 185
    members_min: int = 3
    members_max: int = 15
    items: int = 15
    interventions: int = 40
    documents: int = 300
    signatories: int = 4
    observers: int = 3
    un_entities: int = 6
    organizations: int = 8
    ngos: int = 40
    guests: int = 2
    days: int = 15  # sitting days (weekdays from the first)
    participants: int = 2000  # accredited members (at most every member)


@dataclass(frozen=True)
class SyntheticSummary:
    meeting: Meeting
    delegations: int
    members: int
    items: int
    interventions: int
    documents: int
    participants: int = 0
    nominations: int = 0
    attendance: int = 0


class _Names:
    """Unique invented names, English and Chinese, drawn in a fixed order from `rng`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def country(self) -> tuple[str, str]:
        while True:
            parts = self.rng.sample(SYLLABLES, 2)
            ending = self.rng.choice(ENDINGS)
            en = parts[0][0] + parts[1][0].lower() + ending[0]
            if en not in self.used:
                self.used.add(en)
                return en, parts[0][1] + parts[1][1] + ending[1]


def _entity_rows(rng: random.Random, sizes: SyntheticSizes) -> list[Entity]:
    names = _Names(rng)
    rows: list[Entity] = []
    state_count = sizes.states + sizes.signatories + sizes.observers
    for n in range(1, state_count + 1):
        en, zh = names.country()
        formal_en, formal_zh = FORMS[n % len(FORMS)]
        rows.append(
            Entity(
                code=f"SYN-S{n:03d}",
                kind=EntityKind.STATE,
                iso3=synthetic_iso3(n),
                name_en=en,
                name_zh=zh,
                formal_name_en=formal_en.format(en),
                formal_name_zh=formal_zh.format(zh),
            )
        )
    kinds = (
        (
            EntityKind.UN_ENTITY,
            "U",
            sizes.un_entities,
            "United Nations Office for {}",
            "联合国{}办公室",
        ),
        (
            EntityKind.INTERNATIONAL_ORGANIZATION,
            "O",
            sizes.organizations,
            "International Organization for {}",
            "{}国际组织",
        ),
        (EntityKind.NGO, "N", sizes.ngos, "{} Institute for Biosecurity", "{}生物安保研究所"),
        (EntityKind.INDIVIDUAL, "G", sizes.guests, "Guest of the meeting {}", "会议嘉宾{}"),
    )
    for kind, letter, count, pattern_en, pattern_zh in kinds:
        for n in range(1, count + 1):
            en, zh = names.country()
            rows.append(
                Entity(
                    code=f"SYN-{letter}{n:03d}",
                    kind=kind,
                    name_en=pattern_en.format(en),
                    name_zh=pattern_zh.format(zh),
                    abbreviation_en=f"{letter}{en[:3].upper()}" if letter in "UO" else "",
                )
            )
    rows.append(
        Entity(
            code="SYN-GROUP-NAM",
            kind=EntityKind.GROUP,
            name_en="Group of the Non-Aligned Movement and Other States",
            name_zh="不结盟运动和其他国家集团",
        )
    )
    return rows


def _registry(
    rng: random.Random, sizes: SyntheticSizes
) -> tuple[dict[str, Entity], list[RegionalGroup]]:
    """The synthetic States and organizations, created once and reused by later calls."""
    groups = []
    for code, name_en, name_zh, short_en, short_zh in GROUPS:
        group, _ = RegionalGroup.objects.get_or_create(
            code=code,
            defaults={
                "name_en": name_en,
                "name_zh": name_zh,
                "short_name_en": short_en,
                "short_name_zh": short_zh,
            },
        )
        groups.append(group)
    rows = _entity_rows(rng, sizes)
    for index, row in enumerate(rows):
        if row.kind == EntityKind.STATE:
            row.regional_group = groups[index % len(groups)]
    Entity.objects.bulk_create(rows, ignore_conflicts=True)
    entities = {e.code: e for e in Entity.objects.filter(code__in=[r.code for r in rows])}
    known = set(
        TreatyStatus.objects.filter(entity__code__startswith="SYN-S").values_list(
            "entity__code", flat=True
        )
    )
    statuses = []
    for n in range(1, sizes.states + sizes.signatories + sizes.observers + 1):
        code = f"SYN-S{n:03d}"
        if code in known:
            continue
        if n <= sizes.states:
            status = TreatyStatusKind.STATE_PARTY
        elif n <= sizes.states + sizes.signatories:
            status = TreatyStatusKind.SIGNATORY
        else:
            status = TreatyStatusKind.NON_PARTY
        statuses.append(
            TreatyStatus(
                entity=entities[code],
                status=status,
                effective_from=date(1975, 3, 26) + timedelta(days=97 * n),
                source="synthetic",
            )
        )
    TreatyStatus.objects.bulk_create(statuses)
    return entities, groups


def _people(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(FAMILY)


def delete_synthetic_meeting(series: str) -> None:
    """Remove a meeting made by `synthesize_meeting`, its documents first (they PROTECT it)."""
    meeting = Meeting.objects.filter(series=series).first()
    if meeting is None:
        return
    ParticipantList.objects.filter(meeting=meeting).delete()  # they PROTECT their documents
    documents = Document.objects.filter(meeting=meeting)
    documents.exclude(parent=None).delete()
    documents.delete()
    meeting.delete()


@transaction.atomic
def synthesize_meeting(
    *,
    series: str = DEFAULT_SERIES,
    sizes: SyntheticSizes | None = None,
    seed: int = 1,
    replace: bool = False,
) -> SyntheticSummary:
    """Build the synthetic meeting `series` (see the module docstring); `replace` drops a
    previous one of the same series first."""
    sizes = sizes or SyntheticSizes()
    if sizes.members_min > sizes.members_max:
        raise ValueError("members_min is larger than members_max")
    if sizes.days < 1:
        raise ValueError("a meeting sits at least one day")
    if replace:
        delete_synthetic_meeting(series)
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not a secret
    entities, groups = _registry(rng, sizes)
    states = [entities[f"SYN-S{n:03d}"] for n in range(1, sizes.states + 1)]
    states_sorted = sorted(states, key=lambda e: e.name_en)
    start = date(2032, 11, 15)  # a Monday: 15 sitting days end on the third Friday
    days = sitting_days(start, sizes.days)
    meeting = Meeting(
        series=series,
        kind=MeetingKind.REVIEW_CONFERENCE,
        number=20,
        title_en="Twentieth Review Conference of the States Parties to the Convention "
        "on the Prohibition of the Development, Production and Stockpiling of Bacteriological "
        "(Biological) and Toxin Weapons and on Their Destruction (synthetic)",
        title_zh="《禁止细菌(生物)及毒素武器的发展、生产和储存以及销毁这类武器公约》"
        "缔约国第二十次审查会议(合成数据)",
        scheduled_start=start,
        scheduled_end=days[-1],
        start_date=start,
        end_date=days[-1],
        status=MeetingStatus.CLOSED,
        rules_of_procedure=f"{series}/PC/2",
        report_adopted_on=days[-1],
        mandate_en="\n\n".join(
            f"{n}. The Conference decided, in paragraph {n} of its decision, to consider "
            f"{topic} at its sessions."
            for n, (topic, _) in enumerate(TOPICS[:3], start=1)
        ),
        mandate_zh="\n\n".join(
            f"{n}. 会议在其决定第 {n} 段中决定在各届会议上审议{topic_zh}问题。"
            for n, (_, topic_zh) in enumerate(TOPICS[:3], start=1)
        ),
        chair_summary_en="\n\n".join(
            f"Summary of the discussion on {topic}\n\nMany States Parties underlined the "
            f"importance of {topic}; several proposals were made."
            for topic, _ in TOPICS[: sizes.items]
        ),
        chair_summary_zh="\n\n".join(
            f"关于{topic_zh}的讨论概要\n\n许多缔约国强调了{topic_zh}的重要性；提出了若干提案。"
            for _, topic_zh in TOPICS[: sizes.items]
        ),
    )
    meeting.full_clean()
    meeting.save()

    chair_given, chair_family = _people(rng)
    officers = [
        Officer(
            meeting=meeting,
            role=OfficerRole.CHAIR,
            position=1,
            honorific=Honorific.MS,
            name_en=f"{chair_given} {chair_family}",
            name_zh=f"{chair_given} {chair_family}",
            entity=states_sorted[0],
            regional_group=groups[2],
        ),
        *(
            Officer(
                meeting=meeting,
                role=OfficerRole.VICE_CHAIR,
                position=2 + n,
                honorific=Honorific.MR,
                name_en=" ".join(_people(rng)),
                entity=states_sorted[1 + n],
                regional_group=groups[n],
            )
            for n in range(2)
        ),
        Officer(
            meeting=meeting,
            role=OfficerRole.SECRETARY,
            position=4,
            honorific=Honorific.MR,
            name_en=" ".join(_people(rng)),
            title_en="Chief, Biological Weapons Convention Implementation Support Unit",
            title_zh="《生物武器公约》执行支助股股长",
        ),
        Officer(
            meeting=meeting,
            role=OfficerRole.DEPUTY_SECRETARY,
            position=5,
            honorific=Honorific.MS,
            name_en=" ".join(_people(rng)),
            title_en="Political Affairs Officer, Implementation Support Unit",
            title_zh="执行支助股政治事务干事",
        ),
    ]
    Officer.objects.bulk_create(officers)

    # Participation: every rule-44 category, each list in English alphabetical order.
    categories = (
        (Rule44Category.STATE_PARTY, states),
        (
            Rule44Category.SIGNATORY,
            [
                entities[f"SYN-S{n:03d}"]
                for n in range(sizes.states + 1, sizes.states + sizes.signatories + 1)
            ],
        ),
        (
            Rule44Category.OBSERVER_STATE,
            [
                entities[f"SYN-S{n:03d}"]
                for n in range(
                    sizes.states + sizes.signatories + 1,
                    sizes.states + sizes.signatories + sizes.observers + 1,
                )
            ],
        ),
        (
            Rule44Category.UN_ENTITY,
            [entities[f"SYN-U{n:03d}"] for n in range(1, sizes.un_entities + 1)],
        ),
        (
            Rule44Category.INTERNATIONAL_ORGANIZATION,
            [entities[f"SYN-O{n:03d}"] for n in range(1, sizes.organizations + 1)],
        ),
        (Rule44Category.NGO, [entities[f"SYN-N{n:03d}"] for n in range(1, sizes.ngos + 1)]),
        (Rule44Category.GUEST, [entities[f"SYN-G{n:03d}"] for n in range(1, sizes.guests + 1)]),
    )
    delegations = [
        Delegation(meeting=meeting, entity=entity, category=category, position=position)
        for category, members in categories
        for position, entity in enumerate(sorted(members, key=lambda e: e.name_en), start=1)
    ]
    Delegation.objects.bulk_create(delegations)
    members = []
    for delegation in delegations:
        count = rng.randint(sizes.members_min, sizes.members_max)
        if delegation.category == Rule44Category.GUEST:
            count = 1
        for position in range(1, count + 1):
            given, family = _people(rng)
            members.append(
                DelegationMember(
                    delegation=delegation,
                    role=MemberRole.HEAD if position == 1 else MemberRole.MEMBER,
                    position=position,
                    honorific=rng.choice((Honorific.MR, Honorific.MS)),
                    family_name=family,
                    given_name=given,
                    title="Ambassador" if position == 1 else "Adviser",
                )
            )
    DelegationMember.objects.bulk_create(members, batch_size=2000)
    StatedCount.objects.bulk_create(
        [
            StatedCount(
                meeting=meeting,
                category=Rule44Category.STATE_PARTY,
                count=sizes.states,
                wording_en=str(sizes.states),
                wording_zh=str(sizes.states),
            ),
            StatedCount(
                meeting=meeting,
                category=Rule44Category.NGO,
                count=sizes.ngos,
                wording_en=str(sizes.ngos),
                wording_zh=str(sizes.ngos),
            ),
        ]
    )

    # The agenda: items 1-3 are procedural, the substantive ones follow.
    agenda = Agenda.objects.create(
        meeting=meeting,
        symbol=f"{series}/1",
        status=AgendaStatus.ADOPTED,
        adopted_on=start,
    )
    items = [
        AgendaItem(
            agenda=agenda,
            number=number,
            title_en=f"Consideration of {TOPICS[(number - 1) % len(TOPICS)][0]}",
            title_zh=f"审议{TOPICS[(number - 1) % len(TOPICS)][1]}",
        )
        for number in range(1, sizes.items + 1)
    ]
    AgendaItem.objects.bulk_create(items)

    documents = _documents(rng, meeting, series, sizes, items, states)
    interventions, _introduced = _interventions(rng, sizes, items, states, entities, documents)
    participants, nominations, attendance = _registration(rng, sizes, meeting, members, days)
    _participant_lists(meeting, documents, days)

    return SyntheticSummary(
        meeting=meeting,
        delegations=len(delegations),
        members=len(members),
        items=len(items),
        interventions=interventions,
        documents=len(documents),
        participants=participants,
        nominations=nominations,
        attendance=attendance,
    )


def sitting_days(start: date, count: int) -> list[date]:
    """The first `count` weekdays from `start`: the days a meeting in Geneva sits."""
    days: list[date] = []
    day = start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _at(day: date, hour: int, minutes: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=GENEVA) + timedelta(minutes=minutes)


def _registration(
    rng: random.Random,
    sizes: SyntheticSizes,
    meeting: Meeting,
    members: list[DelegationMember],
    days: list[date],
) -> tuple[int, int, int]:
    """Registration (closed), one nomination per member (`sizes.participants` accredited, the
    others submitted, returned with a reason or withdrawn) and the accredited members'
    check-ins: each has a habit (always there, most days, now and then) and checks in for the
    day or, one time in eight, for the morning and/or the afternoon only."""
    opened = _at(days[0] - timedelta(days=90), 10, 0)
    Registration.objects.create(
        meeting=meeting,
        status=RegistrationStatus.CLOSED,
        opened_at=opened,
        closed_at=_at(days[-1], 18, 0),
    )
    accredited = set(rng.sample(range(len(members)), k=min(sizes.participants, len(members))))
    nominations: list[Nomination] = []
    for index, member in enumerate(members):
        submitted = opened + timedelta(days=rng.randrange(80), minutes=rng.randrange(600))
        if index in accredited:
            status, reason = NominationStatus.ACCREDITED, ""
        else:
            status, reason = rng.choice(
                (
                    (NominationStatus.SUBMITTED, ""),
                    (NominationStatus.SUBMITTED, ""),
                    (NominationStatus.RETURNED, "The nomination letter is not signed."),
                    (NominationStatus.WITHDRAWN, "The delegate could not travel."),
                )
            )
        decided = status != NominationStatus.SUBMITTED
        nominations.append(
            Nomination(
                member=member,
                status=status,
                reason=reason,
                submitted_at=submitted,
                decided_at=submitted + timedelta(days=2) if decided else None,
            )
        )
    Nomination.objects.bulk_create(nominations, batch_size=2000)
    records: list[AttendanceRecord] = []
    for index, member in enumerate(members):
        if index not in accredited:
            continue
        habit = rng.choice((1.0, 0.95, 0.9, 0.8, 0.6, 0.3))
        for day in days:
            if rng.random() >= habit:
                continue
            if rng.random() >= 0.125:
                sessions = (Session.DAY,)
            else:
                sessions = rng.choice(
                    ((Session.MORNING,), (Session.AFTERNOON,), (Session.MORNING, Session.AFTERNOON))
                )
            records.extend(
                AttendanceRecord(
                    member=member,
                    day=day,
                    session=session,
                    checked_in_at=_at(
                        day, 14 if session == Session.AFTERNOON else 9, rng.randrange(120)
                    ),
                )
                for session in sessions
            )
    AttendanceRecord.objects.bulk_create(records, batch_size=5000)
    return len(accredited), len(nominations), len(records)


def _participant_lists(meeting: Meeting, documents: list[Document], days: list[date]) -> None:
    """The provisional (MISC.1) and final (INF.1) lists of participants, frozen from the
    accredited members, as `issue_participant_list` freezes them."""
    snapshot = participants_snapshot(meeting)
    by_symbol = {document.symbol: document for document in documents}
    lists = (
        (ListKind.PROVISIONAL, f"{meeting.series}/MISC.1", _at(days[0], 8, 0)),
        (ListKind.FINAL, f"{meeting.series}/INF.1", _at(days[-1], 17, 0)),
    )
    ParticipantList.objects.bulk_create(
        ParticipantList(
            meeting=meeting,
            document=by_symbol[symbol],
            kind=kind,
            snapshot={"symbol": symbol, "kind": kind, **snapshot},
            delegation_count=snapshot["counts"]["delegations"],
            member_count=snapshot["counts"]["members"],
            issued_at=issued_at,
        )
        for kind, symbol, issued_at in lists
        if symbol in by_symbol
    )


def _documents(
    rng: random.Random,
    meeting: Meeting,
    series: str,
    sizes: SyntheticSizes,
    items: list[AgendaItem],
    states: list[Entity],
) -> list[Document]:
    """The registry: /1, MISC.1, INF.1 (+Rev.1), then working papers, some revised or
    corrected, until `sizes.documents` rows exist. CRP.1 and /2 are left to the report's
    drafting, which reserves them."""
    issue = meeting.start_date
    fixed = [
        ("", 1, "Provisional agenda", "临时议程", SubmittedBy.CHAIR),
        ("MISC", 1, "Provisional list of participants", "暂定与会者名单", SubmittedBy.SECRETARIAT),
        ("INF", 1, "List of participants", "与会者名单", SubmittedBy.SECRETARIAT),
    ]
    documents: list[Document] = []
    parents: dict[str, Document] = {}
    for doc_type, number, title_en, title_zh, submitted_by in fixed:
        prefix = f"{series}/{doc_type}.{number}" if doc_type else f"{series}/{number}"
        document = Document(
            meeting=meeting,
            symbol=prefix,
            doc_type=doc_type,
            number=number,
            title_en=title_en,
            title_zh=title_zh,
            submitted_by=submitted_by,
            languages=["en", "fr", "es"] if doc_type else [],
            language_note_en="English, French and Spanish only" if doc_type else "",
            language_note_zh="仅英文、法文、西班牙文本" if doc_type else "",
            issue_date=issue,
            status=DocumentStatus.ISSUED,
            annex_position=len(documents) + 1,
        )
        documents.append(document)
        parents[prefix] = document
    working_papers: list[tuple[Document, list[Entity]]] = []
    number = 0
    versions_due: list[tuple[Document, str]] = []
    while len(documents) + len(versions_due) < sizes.documents:
        number += 1
        item = items[(number - 1) % len(items)]
        submitters = rng.sample(states, k=rng.choice((1, 1, 1, 2, 3)))
        topic_en, topic_zh = TOPICS[(item.number - 1) % len(TOPICS)]
        document = Document(
            meeting=meeting,
            symbol=f"{series}/WP.{number}",
            doc_type=DocumentType.WORKING_PAPER,
            number=number,
            title_en=f"Proposals on {topic_en} (paper {number})",
            title_zh=f"关于{topic_zh}的提案(第 {number} 号文件)",
            submitted_by=SubmittedBy.ENTITIES,
            languages=["en"] if number % 3 else ["en", "ru"],
            language_note_en="English only" if number % 3 else "English and Russian only",
            language_note_zh="仅英文本" if number % 3 else "仅英文和俄文本",
            issue_date=issue + timedelta(days=number % 10),
            agenda_item=item,
            status=DocumentStatus.ISSUED,
        )
        documents.append(document)
        working_papers.append((document, submitters))
        if number % 9 == 0:
            versions_due.append((document, Modifier.REVISION))
        elif number % 7 == 0:
            versions_due.append((document, Modifier.CORRIGENDUM))
    Document.objects.bulk_create(documents)
    versions = []
    for parent, modifier in versions_due[: max(0, sizes.documents - len(documents))]:
        if modifier == Modifier.REVISION:
            parent.status = DocumentStatus.SUPERSEDED
        versions.append(
            Document(
                meeting=meeting,
                symbol=f"{parent.symbol}/{modifier}.1",
                doc_type=parent.doc_type,
                number=parent.number,
                modifier=modifier,
                modifier_number=1,
                parent=parent,
                title_en=parent.title_en,
                title_zh=parent.title_zh,
                submitted_by=parent.submitted_by,
                languages=parent.languages,
                language_note_en=parent.language_note_en,
                language_note_zh=parent.language_note_zh,
                issue_date=parent.issue_date + timedelta(days=2),
                agenda_item=parent.agenda_item,
                status=DocumentStatus.ISSUED,
            )
        )
    Document.objects.bulk_create(versions)
    Document.objects.filter(
        pk__in=[v.parent_id for v in versions if v.modifier == Modifier.REVISION]
    ).update(status=DocumentStatus.SUPERSEDED)
    submitters_by_symbol = {doc.symbol: entities for doc, entities in working_papers}
    links = [
        DocumentSubmitter(document=document, entity=entity, position=position)
        for document in (*documents, *versions)
        for position, entity in enumerate(
            submitters_by_symbol.get(
                document.parent.symbol if document.parent_id else document.symbol, ()
            ),
            start=1,
        )
    ]
    DocumentSubmitter.objects.bulk_create(links, batch_size=2000)
    return [*documents, *versions]


def _interventions(
    rng: random.Random,
    sizes: SyntheticSizes,
    items: list[AgendaItem],
    states: list[Entity],
    entities: dict[str, Entity],
    documents: list[Document],
) -> tuple[int, int]:
    """Per item: the ISU's briefing, working papers introduced by their first submitter,
    statements (one on behalf of the NAM group), presentations by organizations, then the
    interactive discussion in English alphabetical order."""
    group = entities["SYN-GROUP-NAM"]
    organizations = [e for code, e in entities.items() if code.startswith("SYN-O")]
    un_entities = [e for code, e in entities.items() if code.startswith("SYN-U")]
    papers_by_item: dict[int, list[Document]] = {}
    for document in documents:
        if document.doc_type == DocumentType.WORKING_PAPER and not document.modifier:
            papers_by_item.setdefault(document.agenda_item.number, []).append(document)
    submitters = {
        link.document_id: link.entity
        for link in DocumentSubmitter.objects.filter(
            document__in=[d for d in documents if d.doc_type == DocumentType.WORKING_PAPER],
            position=1,
        ).select_related("entity")
    }
    rows: list[Intervention] = []
    introduced: list[tuple[Intervention, Document]] = []
    for item in items:
        plan: list[tuple[str, Entity, Entity | None, Document | None]] = []
        if un_entities:
            plan.append((InterventionKind.BRIEFING, un_entities[0], None, None))
        plan.extend(
            (InterventionKind.WORKING_PAPER, submitters[paper.pk], None, paper)
            for paper in papers_by_item.get(item.number, [])[:5]
        )
        plan.append((InterventionKind.STATEMENT, rng.choice(states), group, None))
        if organizations:
            plan.append((InterventionKind.PRESENTATION, rng.choice(organizations), None, None))
        remaining = max(0, sizes.interventions - len(plan))
        speakers = sorted(
            rng.sample(states, k=min(remaining, len(states))), key=lambda e: e.name_en
        )
        plan.extend((InterventionKind.DISCUSSION, speaker, None, None) for speaker in speakers)
        for position, (kind, speaker, behalf, paper) in enumerate(
            plan[: sizes.interventions], start=1
        ):
            intervention = Intervention(
                agenda_item=item,
                position=position,
                kind=kind,
                speaker=speaker,
                on_behalf_of=behalf,
            )
            rows.append(intervention)
            if paper is not None:
                introduced.append((intervention, paper))
    Intervention.objects.bulk_create(rows, batch_size=2000)
    through = Document.interventions.through
    through.objects.bulk_create(
        [through(document_id=paper.pk, intervention_id=i.pk) for i, paper in introduced]
    )
    return len(rows), len(introduced)
