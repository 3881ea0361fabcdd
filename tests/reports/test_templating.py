"""Report templates: the defaults, checking uploads, and the sandbox."""

import pytest

from apps.reports import services
from apps.reports.document import BlockKind
from apps.reports.enums import ReportKind
from apps.reports.models import ReportTemplate
from apps.reports.templating import (
    TemplateError,
    default_template_source,
    render_report,
    validate_template,
)
from tests.factories.delegations import DelegationFactory
from tests.factories.entities import StateFactory
from tests.factories.meetings import MeetingFactory
from tests.factories.reports import report_meeting

KINDS = [(kind, lang) for kind in ReportKind.values for lang in ("en", "zh")]


# --- the default templates ----------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "lang"), KINDS)
def test_default_templates_pass_their_own_check(kind, lang):
    validate_template(default_template_source(kind, lang), kind=kind, lang=lang)


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "lang"), KINDS)
def test_default_templates_render_a_meeting_built_from_factories(kind, lang):
    meeting = report_meeting(size=2)

    document = render_report(meeting=meeting, kind=kind, lang=lang)

    assert document.lang == lang
    assert document.masthead.symbol.startswith(meeting.series)
    assert [b.kind for b in document.blocks if b.kind == BlockKind.TITLE] == [BlockKind.TITLE]


@pytest.mark.django_db
def test_a_meeting_with_almost_no_data_still_renders():
    meeting = MeetingFactory()
    DelegationFactory(meeting=meeting)

    document = render_report(meeting=meeting, kind=ReportKind.PROCEDURAL_REPORT, lang="en")

    numbers = [b.number for b in document.blocks if b.kind == BlockKind.PARAGRAPH]
    assert numbers[:3] == [1, 2, 3]


def test_unknown_kind_or_language_is_refused():
    with pytest.raises(TemplateError) as kind:
        default_template_source("minutes", "en")
    with pytest.raises(TemplateError) as lang:
        default_template_source(ReportKind.PROCEDURAL_REPORT, "fr")

    assert (kind.value.code, lang.value.code) == ("unknown_kind", "unknown_language")


# --- errors name the line -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "line", "code", "fragment"),
    [
        ("= Title\n\n¶ {% if meeting.title %}\n¶ text\n", 4, "syntax", "does not compile"),
        ("= Title\n\n¶ {{ meeting.titel }}\n", 3, "render", "titel"),
        ("= Title\n\n\n¶ {{ organization.chair.nmae }}\n", 4, "render", "nmae"),
        ("= Title\n¶ {{ meeting.year + 'x' }}\n", 2, "render", "TypeError"),
        ("= {{ documents.agenda_issued }}\n", 1, "missing_value", "does not have"),
        ("= Title\n{% include 'other.j2' %}\n", 2, "unsafe", "stands alone"),
    ],
)
def test_validate_template_names_the_line(source, line, code, fragment):
    with pytest.raises(TemplateError) as caught:
        validate_template(source, kind=ReportKind.PROCEDURAL_REPORT, lang="en")

    error = caught.value
    assert (error.line, error.code, fragment in error.message) == (line, code, True)
    assert error.message.startswith(f"Line {line}: ")


def test_validate_template_reports_bad_markup_with_the_output_line():
    with pytest.raises(TemplateError) as caught:
        validate_template(
            "= Title\n\n¶ {{ meeting.title }} [^unclosed\n",
            kind=ReportKind.PROCEDURAL_REPORT,
            lang="en",
        )

    assert caught.value.code == "invalid_markup"
    assert "line 3 of its output" in caught.value.message


def test_validate_template_refuses_an_empty_template():
    with pytest.raises(TemplateError) as caught:
        validate_template("  \n", kind=ReportKind.PROCEDURAL_REPORT, lang="zh")

    assert caught.value.code == "empty"


def test_validate_template_runs_both_sample_meetings():
    # Only the sparse sample has no guest: a template that assumes one fails there.
    source = "= {{ participation.guest.members[0].name }}\n"

    with pytest.raises(TemplateError) as caught:
        validate_template(source, kind=ReportKind.PROCEDURAL_REPORT, lang="en")

    assert (caught.value.line, caught.value.code) == (1, "render")


# --- the sandbox --------------------------------------------------------------------------------

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ meeting.__class__.__init__.__globals__['os'] }}",
    "{{ ''|attr('__class__') }}",
    "{{ meeting['__dict__'] }}",
    "{% set x = organization.__dict__ %}quiet",
    "{{ range.__self__ }}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_sandbox_escapes_are_refused_naming_the_line(payload):
    with pytest.raises(TemplateError) as caught:
        validate_template(f"= Title\n\n{payload}\n", kind=ReportKind.PROCEDURAL_REPORT, lang="en")

    assert (caught.value.code, caught.value.line) == ("unsafe", 3)
    assert "internals" in caught.value.message


@pytest.mark.parametrize(
    "payload",
    [
        "{{ [].append(1) }}",  # the immutable sandbox: no changing a list
        "{{ documents.annex.__len__() }}",
        "{% for i in range(10**8) %}{% endfor %}",
        "{{ 'x' * 10**9 }}",
        "{{ 2 ** 100000 }}",
    ],
)
def test_sandbox_refuses_changes_and_runaway_work(payload):
    with pytest.raises(TemplateError) as caught:
        validate_template(f"= Title\n{payload}\n", kind=ReportKind.PROCEDURAL_REPORT, lang="en")

    assert caught.value.code == "unsafe"


def test_output_is_capped():
    source = (
        "= Title\n{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}"
    )

    with pytest.raises(TemplateError) as caught:
        validate_template(source, kind=ReportKind.PROCEDURAL_REPORT, lang="en")

    assert caught.value.code == "too_long"


@pytest.mark.django_db
def test_uploading_a_template_that_reaches_for_python_internals_is_refused_and_writes_nothing(
    tmp_path,
):
    meeting = MeetingFactory()
    target = tmp_path / "pwned"
    source = (
        "= Report\n\n"
        f"{{{{ cycler.__init__.__globals__.os.system('touch {target}') }}}}\n"
        f"{{{{ ''.__class__.__mro__[1].__subclasses__() }}}}\n"
    )

    with pytest.raises(TemplateError) as caught:
        services.upload_template(
            meeting=meeting, kind=ReportKind.PROCEDURAL_REPORT, lang="en", source=source, actor=None
        )

    assert (caught.value.code, caught.value.line) == ("unsafe", 3)
    assert ReportTemplate.objects.count() == 0
    assert ReportTemplate.history.count() == 0
    assert target.exists() is False
    with pytest.raises(TemplateError):
        render_report(
            meeting=meeting, kind=ReportKind.PROCEDURAL_REPORT, lang="en", template_source=source
        )
    assert target.exists() is False


# --- rendering ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_data_cannot_inject_markup():
    meeting = MeetingFactory(title_en="# Not a heading | with a pipe [^and no footnote]")
    DelegationFactory(meeting=meeting, entity=StateFactory(name_en="¶ Injected"))
    source = (
        "= {{ meeting.title }}\n\n"
        "| {{ meeting.title }} | {{ participation.state_party.names }} |\n\n"
        "{{ participation.state_party.names }}\n"
    )

    document = render_report(
        meeting=meeting, kind=ReportKind.PROCEDURAL_REPORT, lang="en", template_source=source
    )

    title, table, text = document.blocks
    assert (title.kind, title.text, title.footnotes) == (
        BlockKind.TITLE,
        "# Not a heading | with a pipe [^and no footnote]",
        (),
    )
    assert table.rows == ((meeting.title_en, "¶ Injected"),)
    assert (text.kind, text.text) == (BlockKind.TEXT, "¶ Injected")


@pytest.mark.django_db
def test_a_meeting_template_overrides_the_default():
    meeting = MeetingFactory()
    source = "symbol: {{ documents.crp }}\n\n= Custom {{ meeting.series }}\n\n¶ One.\n"
    validate_template(source, kind=ReportKind.PROCEDURAL_REPORT, lang="en", meeting=meeting)

    document = render_report(
        meeting=meeting, kind=ReportKind.PROCEDURAL_REPORT, lang="en", template_source=source
    )

    assert document.masthead.symbol == f"{meeting.series}/CRP.1"
    assert [(b.kind, b.text) for b in document.blocks] == [
        (BlockKind.TITLE, f"Custom {meeting.series}"),
        (BlockKind.PARAGRAPH, "One."),
    ]


def test_filters_for_report_text():
    source = (
        "= T\n\n{{ ['a', 'b', 'c']|and_list }}\n\n{{ ['a', 'b']|plain_list('; ') }}\n\n"
        "{{ 'update on it'|a_an }}\n\n{{ 'the EU'|capfirst }}\n\n{{ mandate|blocks }}\n"
    )

    validate_template(source, kind=ReportKind.PROCEDURAL_REPORT, lang="en")
