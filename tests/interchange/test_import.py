import copy
import datetime
import json

import pytest
from django.apps import apps

from apps.delegations.models import Delegation
from apps.documents.models import Document, SymbolCounter
from apps.entities.enums import EntityKind
from apps.entities.models import Entity, RegionalGroup
from apps.interchange.errors import InterchangeError
from apps.interchange.selectors import meeting_document
from apps.interchange.services import import_meeting_document
from apps.meetings.models import Meeting
from tests.factories.documents import DocumentFactory
from tests.factories.meetings import MeetingFactory

from .test_export import SERIES, build_meeting, export_text, flush

pytestmark = pytest.mark.django_db


def row_counts():
    """Rows in every table, history tables included: what "unchanged" means here."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def exported():
    """The rich meeting's document, and a database emptied of everything it described."""
    build_meeting()
    data = json.loads(export_text())
    flush()
    return data


def test_import_meeting_document_creates_the_meeting_and_what_it_names(exported):
    meeting = import_meeting_document(data=exported)

    assert meeting.series == SERIES
    assert meeting.parent.series == "BWC/MSP/2030"
    assert Entity.objects.get(code="UNIDIR").abbreviation_zh == "裁研所"
    assert Entity.objects.get(code="FRA").iso3 == "FRA"
    assert list(RegionalGroup.objects.values_list("code", "short_name_en")) == [
        ("nam", "NAM"),
        ("western", ""),
    ]
    assert list(
        Delegation.objects.filter(meeting=meeting, category="state_party")
        .order_by("position")
        .values_list("entity__code", "position")
    ) == [("FRA", 1), ("CHN", 2), ("DEU", 3), ("ITA", 4)]
    assert Document.objects.get(symbol=f"{SERIES}/WP.1/Corr.1").parent.symbol == f"{SERIES}/WP.1"


def test_import_meeting_document_never_overwrites_an_existing_entity(exported):
    Entity.objects.create(
        code="FRA", kind=EntityKind.STATE, iso3="FRA", name_en="French Republic", name_zh=""
    )

    meeting = import_meeting_document(data=exported)

    france = Entity.objects.get(code="FRA")
    assert (france.name_en, france.name_zh) == ("French Republic", "")
    assert meeting_document(meeting=meeting)["chair"]["entity"]["name_en"] == "French Republic"


def test_import_meeting_document_uses_an_existing_parent_as_it_is(exported):
    MeetingFactory(
        series="BWC/MSP/2030", kind="msp", number=None, title_en="The 2030 MSP", title_zh=""
    )

    meeting = import_meeting_document(data=exported)

    assert (meeting.parent.series, meeting.parent.title_en) == ("BWC/MSP/2030", "The 2030 MSP")


def test_import_meeting_document_finds_a_parent_document_outside_the_file(exported):
    other = MeetingFactory(series="BWC/MSP/2029", number=None)
    DocumentFactory(meeting=other, number=7, symbol="BWC/MSP/2029/WP.7")
    exported["documents"][1].update(
        {"modifier": "Rev", "modifier_number": 1, "parent": "BWC/MSP/2029/WP.7"}
    )

    import_meeting_document(data=exported)

    assert Document.objects.get(symbol=f"{SERIES}/WP.1").parent.symbol == "BWC/MSP/2029/WP.7"


def set_at(data, path, value):
    *parents, last = path
    for key in parents:
        data = data[key]
    data[last] = value


def bad_iso3(data):
    set_at(data, ["participation", "states_parties", "entries", 3, "code"], "XYZ")
    set_at(data, ["participation", "states_parties", "entries", 3, "iso3"], "XYZ")


def malformed_iso3(data):
    set_at(data, ["participation", "states_parties", "entries", 2, "iso3"], "de")


def missing_key(data):
    del data["documents"][1]["title_en"]


def unknown_category(data):
    data["participation"]["observers"] = copy.deepcopy(data["participation"]["guests"])


def duplicate_delegation(data):
    france = copy.deepcopy(data["participation"]["states_parties"]["entries"][0])
    data["participation"]["signatories"]["entries"].append(france)


def unknown_parent_document(data):
    data["documents"][2]["parent"] = f"{SERIES}/WP.9"


def parent_cycle(data):
    data["documents"][1].update(
        {"modifier": "Rev", "modifier_number": 1, "parent": f"{SERIES}/WP.1/Corr.1"}
    )


def unknown_intervention_document(data):
    data["agenda"]["items"][2]["interventions"][0]["documents"].append(f"{SERIES}/CRP.9")


def unknown_agenda_item(data):
    data["documents"][1]["agenda_item"] = 42


def adopted_agenda_without_date(data):
    data["agenda"]["adopted_on"] = None


def two_heads(data):
    set_at(data, ["participation", "states_parties", "entries", 1, "members", 1, "role"], "head")


def entity_described_twice(data):
    data["chair"]["entity"]["name_en"] = "Republic of France"


def state_in_ngos(data):
    israel = data["participation"]["observer_states"]["entries"].pop()
    data["participation"]["ngos"]["entries"].append(israel)


def dates_reversed(data):
    data["scheduled_end"] = "2030-01-01"


def not_a_date(data):
    data["postponements"][0]["letters"][1]["dated"] = "2030-06-31"


def iso3_for_an_organization(data):
    data["participation"]["un_entities"]["entries"][0]["iso3"] = "UNI"


def speaker_without_names(data):
    data["agenda"]["items"][0]["interventions"][0]["speaker"] = {"code": "ISU", "kind": "other"}


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (bad_iso3, "participation.states_parties.entries[3].iso3: unknown State 'XYZ'"),
        (
            malformed_iso3,
            "participation.states_parties.entries[2].iso3: 'de' does not match '^[A-Z]{3}$'",
        ),
        (missing_key, "documents[1].title_en: required key is missing"),
        (unknown_category, "participation.observers: unknown key"),
        (
            duplicate_delegation,
            "participation.signatories.entries[1].code: 'FRA' already has a delegation at "
            "participation.states_parties.entries[0]",
        ),
        (
            unknown_parent_document,
            f"documents[2].parent: unknown document '{SERIES}/WP.9'",
        ),
        (
            parent_cycle,
            f"documents[1].parent: '{SERIES}/WP.1/Corr.1' is, through its parents, "
            f"a revision of '{SERIES}/WP.1' itself",
        ),
        (
            unknown_intervention_document,
            f"agenda.items[2].interventions[0].documents[4]: unknown document '{SERIES}/CRP.9'",
        ),
        (unknown_agenda_item, "documents[1].agenda_item: the agenda has no item 42"),
        (
            adopted_agenda_without_date,
            "agenda.adopted_on: An adopted agenda has an adoption date; a provisional one has "
            "none.",
        ),
        (
            two_heads,
            "participation.states_parties.entries[1].members[1]: "
            "Constraint “one_head_per_delegation” is violated.",
        ),
        (
            entity_described_twice,
            "participation.states_parties.entries[0]: entity 'FRA' is described differently "
            "at chair.entity",
        ),
        (
            state_in_ngos,
            "participation.ngos.entries[0].kind: Non-governmental organization or research "
            "institute (rule 44.5) admits no State.",
        ),
        (dates_reversed, "$: The scheduled end comes before the scheduled start."),
        (
            not_a_date,
            "postponements[0].letters[1].dated: '2030-06-31' is not a 'date'",
        ),
        (
            iso3_for_an_organization,
            "participation.un_entities.entries[0].iso3: not allowed for kind 'un_entity'",
        ),
        (
            speaker_without_names,
            "agenda.items[0].interventions[0].speaker.name_en: required key is missing\n"
            "agenda.items[0].interventions[0].speaker.name_zh: required key is missing",
        ),
    ],
    ids=lambda value: value.__name__ if callable(value) else "",
)
def test_import_meeting_document_bad_input_names_the_path_and_writes_nothing(
    exported, mutate, message
):
    mutate(exported)
    before = row_counts()

    with pytest.raises(InterchangeError) as raised:
        import_meeting_document(data=exported)

    assert raised.value.message == message
    assert raised.value.field == message.split(": ", 1)[0]
    assert row_counts() == before


def test_import_meeting_document_lists_every_schema_error(exported):
    del exported["kind"]
    exported["officers"][0]["role"] = "chair"
    exported["extra"] = 1

    with pytest.raises(InterchangeError) as raised:
        import_meeting_document(data=exported)

    assert raised.value.message.splitlines() == [
        "extra: unknown key",
        "kind: required key is missing",
        "officers[0].role: 'chair' is not one of ['vice_chair', 'secretary', 'deputy_secretary', "
        "'secretariat_staff']",
    ]


def test_import_meeting_document_refuses_an_existing_series():
    build_meeting()
    data = json.loads(export_text())
    before = row_counts()

    with pytest.raises(InterchangeError) as raised:
        import_meeting_document(data=data)

    assert raised.value.message == (
        f"series: meeting '{SERIES}' already exists; import with replace to overwrite it"
    )
    assert raised.value.code == "meeting_exists"
    assert row_counts() == before


def test_import_meeting_document_with_replace_replaces_fields_and_content():
    meeting = build_meeting()
    data = json.loads(export_text())
    data["title_en"] = "Renamed"
    del data["participation"]["states_parties"]["entries"][1:]
    data["documents"] = [d for d in data["documents"] if "INF" not in d["symbol"]]
    data["postponements"] = []

    replaced = import_meeting_document(data=data, replace=True)

    assert replaced.pk == meeting.pk
    assert meeting_document(meeting=replaced) == data
    assert Document.objects.filter(symbol__contains="INF").count() == 0


def test_import_meeting_document_with_replace_keeps_document_files():
    meeting = build_meeting()
    Document.objects.filter(symbol=f"{SERIES}/WP.1").update(file="documents/2030/wp1.pdf")
    data = meeting_document(meeting=meeting)

    import_meeting_document(data=data, replace=True)

    assert Document.objects.get(symbol=f"{SERIES}/WP.1").file.name == "documents/2030/wp1.pdf"


def test_import_meeting_document_leaves_an_audit_trail(exported):
    import_meeting_document(data=exported)

    reasons = set(Meeting.history.values_list("history_change_reason", flat=True))
    reasons |= set(Delegation.history.values_list("history_change_reason", flat=True))
    reasons |= set(Document.history.values_list("history_change_reason", flat=True))
    assert reasons == {f"import_meeting {SERIES}"}


def test_import_meeting_document_raises_symbol_counters_past_imported_numbers():
    meeting = build_meeting()
    SymbolCounter.objects.create(series=SERIES, doc_type="WP", last_number=1)
    SymbolCounter.objects.create(series=SERIES, doc_type="CRP", last_number=4)
    data = meeting_document(meeting=meeting)

    import_meeting_document(data=data, replace=True)

    assert dict(
        SymbolCounter.objects.filter(series=SERIES).values_list("doc_type", "last_number")
    ) == {"WP": 3, "CRP": 4}


def test_import_meeting_document_with_replace_keeps_the_children_of_the_meeting():
    child = build_meeting()
    msp = child.parent
    data = meeting_document(meeting=msp)
    data["title_zh"] = "缔约国会议"

    import_meeting_document(data=data, replace=True)

    child.refresh_from_db()
    assert (child.parent_id, Meeting.objects.get(pk=msp.pk).title_zh) == (msp.pk, "缔约国会议")


def test_import_meeting_document_with_replace_refuses_content_other_meetings_need():
    meeting = build_meeting()
    other = MeetingFactory(series="BWC/MSP/2031", number=None)
    DocumentFactory(
        meeting=other,
        symbol="BWC/MSP/2031/WP.1/Rev.1",
        number=1,
        modifier="Rev",
        modifier_number=1,
        parent=Document.objects.get(symbol=f"{SERIES}/WP.2"),
    )
    data = meeting_document(meeting=meeting)
    before = row_counts()

    with pytest.raises(InterchangeError) as raised:
        import_meeting_document(data=data, replace=True)

    assert raised.value.message == (
        f"series: cannot replace meeting '{SERIES}': other rows refer to its content "
        "(BWC/MSP/2031/WP.1/Rev.1)"
    )
    assert row_counts() == before


def test_import_meeting_document_creates_a_meeting_without_parent_or_agenda():
    meeting = MeetingFactory(
        series="BWC/WG/3",
        kind="working_group",
        start_date=datetime.date(2030, 8, 25),
        end_date=datetime.date(2030, 8, 26),
    )
    data = meeting_document(meeting=meeting)
    flush()

    imported = import_meeting_document(data=data)

    assert meeting_document(meeting=imported) == data


@pytest.mark.parametrize(
    ("symbol", "message"),
    [
        ("BWC/MSP/2020/MX.5/WP.0", "documents[0].symbol: invalid number"),
        (
            "bwc/msp/2020/mx.5/wp.1",
            "documents[0].symbol: 'bwc/msp/2020/mx.5/wp.1' is not written canonically: "
            "'BWC/MSP/2020/MX.5/WP.1'",
        ),
    ],
)
def test_import_meeting_document_refuses_a_bad_symbol_and_writes_nothing(symbol, message):
    build_meeting()
    data = json.loads(export_text())
    flush()
    data["documents"][0]["symbol"] = symbol

    with pytest.raises(InterchangeError) as error:
        import_meeting_document(data=data)

    assert str(error.value).startswith(message)
    assert Meeting.objects.count() == 0
