import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator

from apps.agendas.enums import AgendaStatus, InterventionKind
from apps.core.enums import UNLanguage
from apps.delegations.enums import MemberRole, Rule44Category
from apps.delegations.models import StatedCount
from apps.documents.enums import Distribution, DocumentStatus, DocumentType, Modifier, SubmittedBy
from apps.documents.models import DocumentSubmitter
from apps.entities.enums import EntityKind
from apps.entities.models import Entity
from apps.interchange.management.commands.export_meeting import render
from apps.interchange.selectors import meeting_document, meeting_schema
from apps.interchange.services import import_meeting_document
from apps.meetings.enums import (
    Honorific,
    MeetingKind,
    MeetingStatus,
    OfficerRole,
    PostponementAuthority,
)
from apps.meetings.models import Meeting, PostponementLetter, SourceDiscrepancy
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.documents import DocumentFactory
from tests.factories.entities import RegionalGroupFactory
from tests.factories.meetings import MeetingFactory, OfficerFactory, PostponementFactory

pytestmark = pytest.mark.django_db

SERIES = "BWC/MSP/2030/MX.5"
# Real ISO 3166 codes: an import creates a missing State only for a real one.
MORE_STATES = ("DEU", "ITA", "JPN", "KEN", "MEX", "NGA", "PER", "SWE", "THA", "ZAF")


def entity(code, kind=EntityKind.STATE, **fields):
    """The registry row for `code`, created on first use (meetings of one test share them)."""
    defaults = {"kind": kind, "name_en": f"Name of {code}", "name_zh": f"{code}的中文名"}
    if kind == EntityKind.STATE:
        defaults["iso3"] = code
    defaults.update(fields)
    return Entity.objects.get_or_create(code=code, defaults=defaults)[0]


def build_meeting(*, series=SERIES, size=1):
    """A meeting with something in every part the format holds; `size` scales every list."""
    msp = Meeting.objects.filter(series="BWC/MSP/2030").first() or MeetingFactory(
        series="BWC/MSP/2030",
        kind=MeetingKind.MEETING_OF_STATES_PARTIES,
        number=None,
        title_en="Meeting of States Parties 2030",
        title_zh="2030年缔约国会议",
        scheduled_start=datetime.date(2030, 12, 1),
        scheduled_end=datetime.date(2030, 12, 4),
    )
    meeting = MeetingFactory(
        series=series,
        parent=msp,
        number=5,
        title_en="Meeting of Experts on Institutional Strengthening of the Convention",
        title_zh="加强《公约》体制问题专家会议",
        title_fr="Réunion d'experts",
        title_ru="Совещание экспертов",
        title_es="Reunión de expertos",
        title_ar="اجتماع الخبراء",
        scheduled_start=datetime.date(2030, 8, 25),
        scheduled_end=datetime.date(2030, 8, 26),
        start_date=datetime.date(2030, 12, 3),
        end_date=datetime.date(2030, 12, 4),
        status=MeetingStatus.CLOSED,
        rules_of_procedure="BWC/CONF.VIII/2",
        report_adopted_on=datetime.date(2030, 12, 4),
        mandate_en="The Eighth Review Conference decided ...",
        mandate_zh="第八次审议大会决定……",
        chair_summary_en="Heading\n\nA paragraph.",
        chair_summary_zh="标题\n\n一段。",
        notes="Rescheduled by silence procedure.",
    )
    western = RegionalGroupFactory(code="western", name_en="Western Group", name_zh="西方集团")
    nam = RegionalGroupFactory(code="nam", name_en="NAM and Other States", short_name_en="NAM")
    france = entity("FRA", name_en="France", name_zh="法国")
    china = entity("CHN", name_en="China", name_zh="中国")
    nam_group = entity(
        "NAM", EntityKind.GROUP, name_en="Group of the Non-Aligned Movement and Other States"
    )
    isu = entity(
        "ISU", EntityKind.OTHER, name_en="Implementation Support Unit", abbreviation_en="ISU"
    )
    eu = entity(
        "EU",
        EntityKind.INTERNATIONAL_ORGANIZATION,
        name_en="European Union",
        name_zh="欧洲联盟",
        abbreviation_en="EU",
        abbreviation_zh="欧盟",
    )

    OfficerFactory(meeting=meeting, role=OfficerRole.SECRETARY, position=3, name_en="D. Feakes")
    OfficerFactory(
        meeting=meeting,
        role=OfficerRole.CHAIR,
        position=1,
        honorific=Honorific.MR,
        name_en="A. Chair",
        name_zh="主席先生",
        title_en="Ambassador",
        title_zh="大使",
        entity=france,
        regional_group=western,
    )
    OfficerFactory(
        meeting=meeting,
        role=OfficerRole.VICE_CHAIR,
        position=2,
        honorific=Honorific.MS,
        name_en="B. Vice",
        entity=china,
        regional_group=nam,
    )
    postponement = PostponementFactory(
        meeting=meeting,
        position=1,
        to_start=datetime.date(2030, 12, 3),
        to_end=datetime.date(2030, 12, 4),
        authority=PostponementAuthority.SILENCE_PROCEDURE,
        decided_on=datetime.date(2030, 6, 1),
        reason_en="COVID-19",
        reason_zh="新冠肺炎",
    )
    for day in (datetime.date(2030, 6, 1), datetime.date(2030, 5, 20)):
        PostponementLetter.objects.create(
            postponement=postponement, dated=day, author_en="the Chair", reference=f"L/{day}"
        )
    SourceDiscrepancy.objects.create(
        meeting=meeting, position=1, source=f"{series}/2, para. 8", description="96 or 95?"
    )

    states = [france, china, *(entity(code) for code in MORE_STATES[: 2 * size])]
    for position, state in enumerate(states, start=1):
        delegation = DelegationFactory(meeting=meeting, entity=state, position=position)
        DelegationMemberFactory(
            delegation=delegation, role=MemberRole.HEAD, position=1, honorific=Honorific.MR
        )
        DelegationMemberFactory(delegation=delegation, position=2, email="x@example.org")
    DelegationFactory(
        meeting=meeting,
        entity=entity("EGY", name_en="Egypt"),
        category=Rule44Category.SIGNATORY,
        listed_name_en="Arab Republic of Egypt",
    )
    DelegationFactory(meeting=meeting, entity=entity("ISR"), category=Rule44Category.OBSERVER_STATE)
    DelegationFactory(
        meeting=meeting,
        entity=entity(
            "UNIDIR", EntityKind.UN_ENTITY, abbreviation_en="UNIDIR", abbreviation_zh="裁研所"
        ),
        category=Rule44Category.UN_ENTITY,
    )
    DelegationFactory(
        meeting=meeting,
        entity=eu,
        category=Rule44Category.INTERNATIONAL_ORGANIZATION,
        notes="Observer status granted.",
    )
    DelegationFactory(
        meeting=meeting,
        entity=entity("YOUTH-1", EntityKind.INDIVIDUAL, name_en="Youth for Biosecurity alumna"),
        category=Rule44Category.GUEST,
        listed_name_zh="青年生物安全倡议校友",
    )
    StatedCount.objects.create(
        meeting=meeting,
        category=Rule44Category.NGO,
        count=12,
        wording_en="twelve",
        wording_zh="十二个",
    )
    StatedCount.objects.create(
        meeting=meeting, category=Rule44Category.STATE_PARTY, count=len(states) + 1
    )

    agenda = AgendaFactory(
        meeting=meeting, status=AgendaStatus.ADOPTED, adopted_on=datetime.date(2030, 12, 3)
    )
    items = [
        AgendaItemFactory(agenda=agenda, number=number, subtopics_en="one\ntwo")
        for number in range(1, size + 3)
    ]
    wp1 = DocumentFactory(
        meeting=meeting,
        number=1,
        title_zh="工作文件",
        submitted_by=SubmittedBy.ENTITIES,
        on_behalf_of=nam_group,
        agenda_item=items[-1],
        annex_position=3,
        issue_date=datetime.date(2030, 11, 20),
        language_note_en="English only",
        language_note_zh="仅英文本",
    )
    for position, submitter in enumerate((china, france, eu), start=1):
        DocumentSubmitter.objects.create(document=wp1, entity=submitter, position=position)
    corr = DocumentFactory(
        meeting=meeting,
        number=1,
        symbol=f"{series}/WP.1/Corr.1",
        modifier=Modifier.CORRIGENDUM,
        modifier_number=1,
        parent=wp1,
        annex_position=4,
        original_language=UNLanguage.CHINESE,
        languages=["zh", "en"],
    )
    inf = DocumentFactory(
        meeting=meeting,
        doc_type=DocumentType.INFORMATION,
        number=1,
        annex_position=None,
        status=DocumentStatus.SUPERSEDED,
    )
    DocumentFactory(
        meeting=meeting,
        doc_type=DocumentType.INFORMATION,
        number=1,
        symbol=f"{series}/INF.1/Rev.1",
        modifier=Modifier.REVISION,
        modifier_number=1,
        parent=inf,
        annex_position=None,
    )
    DocumentFactory(
        meeting=meeting,
        doc_type=DocumentType.MAIN,
        number=1,
        annex_position=1,
        submitted_by=SubmittedBy.SECRETARIAT,
        languages=[],
    )
    more_wps = [
        DocumentFactory(
            meeting=meeting,
            number=number,
            annex_position=number + 10,
            distribution=Distribution.LIMITED,
            submitted_by=SubmittedBy.CHAIR,
        )
        for number in range(2, size + 3)
    ]
    InterventionFactory(
        agenda_item=items[0], position=1, kind=InterventionKind.BRIEFING, speaker=isu
    )
    wp_intro = InterventionFactory(
        agenda_item=items[-1],
        position=2,
        kind=InterventionKind.WORKING_PAPER,
        speaker=china,
        on_behalf_of=nam_group,
        note_en="introduced",
    )
    wp_intro.documents.add(corr, *more_wps, wp1)
    for position, speaker in enumerate(states, start=3):
        InterventionFactory(agenda_item=items[-1], position=position, speaker=speaker)
    InterventionFactory(
        agenda_item=items[-1], position=99, kind=InterventionKind.STATEMENT, speaker=eu
    )
    return meeting


def export_text(series=SERIES):
    return render(meeting_document(meeting=Meeting.objects.get(series=series)))


def flush():
    """Empty every table inside the test's transaction (an "empty database" to import into)."""
    if connection.vendor == "postgresql":
        # TRUNCATE refuses while deferred foreign-key checks of this transaction are pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_meeting_document_round_trip_is_byte_identical():
    build_meeting()
    first = export_text()
    flush()

    import_meeting_document(data=json.loads(first))

    assert export_text() == first


def test_mx5_fixture_round_trip():
    # The real MX.5 (2020) meeting, as the fixtures hold it (seeds/000_*.txt).
    call_command(
        "loaddata", *sorted(str(p) for p in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
    )
    first = export_text("BWC/MSP/2020/MX.5")
    flush()

    import_meeting_document(data=json.loads(first))

    assert export_text("BWC/MSP/2020/MX.5") == first


def test_meeting_document_validates_against_the_schema():
    build_meeting()
    validator = Draft202012Validator(
        meeting_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )

    errors = list(validator.iter_errors(json.loads(export_text())))

    assert errors == []


def test_meeting_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(meeting_schema())

    assert meeting_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_meeting_schema_describes_every_field():
    schema = meeting_schema()
    objects = {"#": schema, **{f"#/$defs/{name}": node for name, node in schema["$defs"].items()}}

    undescribed = [
        f"{where}.{key}"
        for where, node in objects.items()
        for key, value in node.get("properties", {}).items()
        if not value.get("description")
    ]

    assert undescribed == []
    assert [where for where, node in objects.items() if not node.get("description")] == []


def test_meeting_schema_enums_match_the_models_choices():
    definitions = meeting_schema()["$defs"]
    properties = meeting_schema()["properties"]

    assert properties["kind"]["enum"] == list(MeetingKind.values)
    assert properties["status"]["enum"] == list(MeetingStatus.values)
    assert definitions["entity"]["properties"]["kind"]["enum"] == list(EntityKind.values)
    assert definitions["officer"]["properties"]["role"]["enum"] == list(OfficerRole.values)
    assert definitions["member"]["properties"]["role"]["enum"] == list(MemberRole.values)
    assert definitions["intervention"]["properties"]["kind"]["enum"] == list(
        InterventionKind.values
    )
    assert definitions["document"]["properties"]["type"]["enum"] == list(DocumentType.values)
    assert definitions["document"]["properties"]["status"]["enum"] == list(DocumentStatus.values)
    assert definitions["postponement"]["properties"]["authority"]["enum"] == list(
        PostponementAuthority.values
    )
    assert list(definitions["participation"]["properties"]) == [
        "states_parties",
        "signatories",
        "observer_states",
        "un_entities",
        "international_organizations",
        "ngos",
        "guests",
    ]


def test_meeting_document_top_level_keys_are_in_the_format_order():
    document = meeting_document(meeting=build_meeting())

    assert list(document) == list(meeting_schema()["properties"])


def test_meeting_document_keys_of_every_object_follow_the_schema_order():
    document = meeting_document(meeting=build_meeting())
    schema = meeting_schema()
    out_of_order = []

    def resolve(node):
        """The object schema behind a `$ref`, a nullable `anyOf` or an `allOf` refinement."""
        if "$ref" in node:
            return resolve(schema["$defs"][node["$ref"].rsplit("/", 1)[1]])
        if "anyOf" in node:
            return resolve(next(n for n in node["anyOf"] if n.get("type") != "null"))
        if "allOf" in node and "properties" not in node:
            return resolve(node["allOf"][0])
        return node

    def walk(value, node, path):
        node = resolve(node)
        if isinstance(value, dict):
            if list(value) != [key for key in node["properties"] if key in value]:
                out_of_order.append(path)
            for key, child in value.items():
                walk(child, node["properties"][key], f"{path}.{key}")
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, node["items"], f"{path}[{index}]")

    walk(document, schema, "$")

    assert out_of_order == []


def test_meeting_document_holds_every_part_in_order():
    meeting = build_meeting()

    document = meeting_document(meeting=meeting)

    assert document["parent"] == {
        "series": "BWC/MSP/2030",
        "kind": "msp",
        "title_en": "Meeting of States Parties 2030",
        "title_zh": "2030年缔约国会议",
        "title_fr": "",
        "title_ru": "",
        "title_es": "",
        "title_ar": "",
        "year": 2030,
        "number": None,
        "scheduled_start": "2030-12-01",
        "scheduled_end": "2030-12-04",
        "start_date": None,
        "end_date": None,
    }
    assert document["chair"] == {
        "role": "chair",
        "honorific": "mr",
        "name_en": "A. Chair",
        "name_zh": "主席先生",
        "title_en": "Ambassador",
        "title_zh": "大使",
        "entity": {
            "code": "FRA",
            "kind": "state",
            "name_en": "France",
            "name_zh": "法国",
            "iso3": "FRA",
        },
        "regional_group": {
            "code": "western",
            "name_en": "Western Group",
            "name_zh": "西方集团",
            "short_name_en": "",
            "short_name_zh": "",
        },
    }
    assert [o["role"] for o in document["officers"]] == ["vice_chair", "secretary"]
    assert [letter["dated"] for letter in document["postponements"][0]["letters"]] == [
        "2030-05-20",
        "2030-06-01",
    ]
    participation = document["participation"]
    assert {key: block["count"] for key, block in participation.items()} == {
        "states_parties": 5,
        "signatories": None,
        "observer_states": None,
        "un_entities": None,
        "international_organizations": None,
        "ngos": 12,
        "guests": None,
    }
    assert participation["ngos"] == {
        "count": 12,
        "wording_en": "twelve",
        "wording_zh": "十二个",
        "entries": [],
    }
    assert [e["code"] for e in participation["states_parties"]["entries"]] == [
        "FRA",
        "CHN",
        "DEU",
        "ITA",
    ]
    assert participation["signatories"]["entries"] == [
        {
            "code": "EGY",
            "kind": "state",
            "name_en": "Egypt",
            "name_zh": "EGY的中文名",
            "iso3": "EGY",
            "listed_name_en": "Arab Republic of Egypt",
            "members": [],
        }
    ]
    assert [m["role"] for m in participation["states_parties"]["entries"][0]["members"]] == [
        "head",
        "member",
    ]
    assert participation["un_entities"]["entries"][0]["abbreviation_zh"] == "裁研所"
    items = document["agenda"]["items"]
    assert [item["number"] for item in items] == [1, 2, 3]
    intervention = items[-1]["interventions"][0]
    assert intervention["kind"] == "working_paper"
    assert intervention["on_behalf_of"]["code"] == "NAM"
    assert intervention["documents"] == [
        f"{SERIES}/WP.1",
        f"{SERIES}/WP.1/Corr.1",
        f"{SERIES}/WP.2",
        f"{SERIES}/WP.3",
    ]
    assert [d["symbol"] for d in document["documents"]] == [
        f"{SERIES}/1",
        f"{SERIES}/WP.1",
        f"{SERIES}/WP.1/Corr.1",
        f"{SERIES}/WP.2",
        f"{SERIES}/WP.3",
        f"{SERIES}/INF.1",
        f"{SERIES}/INF.1/Rev.1",
    ]
    corrigendum = document["documents"][2]
    assert (corrigendum["parent"], corrigendum["modifier"], corrigendum["modifier_number"]) == (
        f"{SERIES}/WP.1",
        "Corr",
        1,
    )
    assert [s["code"] for s in document["documents"][1]["submitters"]] == ["CHN", "FRA", "EU"]


def test_meeting_document_without_parent_agenda_or_counts():
    meeting = MeetingFactory()

    document = meeting_document(meeting=meeting)

    assert (document["parent"], document["agenda"], document["chair"]) == (None, None, None)
    assert document["participation"]["guests"] == {
        "count": None,
        "wording_en": None,
        "wording_zh": None,
        "entries": [],
    }


def test_meeting_document_query_count_is_constant():
    small = build_meeting(series="BWC/MSP/2030/MX.1", size=1)
    large = build_meeting(series="BWC/MSP/2030/MX.2", size=4)

    with CaptureQueriesContext(connection) as small_queries:
        small_document = meeting_document(meeting=small)
    with CaptureQueriesContext(connection) as large_queries:
        large_document = meeting_document(meeting=large)

    assert len(large_document["documents"]) > len(small_document["documents"])
    # meeting+parent, officers, postponements, letters, discrepancies, stated counts,
    # delegations, members, agenda, items, interventions, intervention documents,
    # documents, submitters.
    assert (len(small_queries), len(large_queries)) == (14, 14)


def test_meeting_document_query_count_is_the_same_for_an_empty_meeting(
    django_assert_num_queries,
):
    meeting = MeetingFactory()

    with django_assert_num_queries(14):  # no table is skipped when it has no rows
        meeting_document(meeting=meeting)
