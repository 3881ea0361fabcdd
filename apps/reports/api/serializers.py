from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.meetings.models import Meeting

from ..enums import DRAFT_LANGUAGES, DraftFormat, DraftStatus, ReportKind
from ..models import ReportDraft, ReportTemplate

# What a template upload may weigh: templates are text, a few dozen kilobytes at most.
MAX_TEMPLATE_BYTES = 512 * 1024


class ProblemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable, e.g. `missing_chair`.")
    message = serializers.CharField()
    where = serializers.CharField(help_text="Which record or field the problem is in.")
    severity = serializers.ChoiceField(
        choices=["error", "warning"],
        help_text="`error`: the draft would be wrong (a strict request stops on it); "
        "`warning`: doubtful or incomplete.",
    )


class ReportDraftSerializer(ModelSerializer):
    """A draft: the job's state, what it is made of, and where to download its file."""

    url = serializers.HyperlinkedIdentityField(view_name="v1:report-draft-detail")
    series = serializers.CharField(source="meeting.series", read_only=True)
    format = serializers.ChoiceField(source="fmt", choices=DraftFormat.choices, read_only=True)
    problems = ProblemSerializer(many=True, read_only=True)
    requested_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportDraft
        fields = (
            "id",
            "url",
            "meeting",
            "series",
            "kind",
            "lang",
            "format",
            "status",
            "progress",
            "error",
            "problems",
            "strict",
            "symbol",
            "template_version",
            "data_hash",
            "size",
            "attempts",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "download_url",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, draft: ReportDraft) -> str | None:
        if draft.status != DraftStatus.DONE:
            return None
        path = reverse("v1:report-draft-file", args=[draft.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class _MeetingInput(serializers.Serializer):
    """A meeting by id or by series (one of the two)."""

    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), required=False, help_text="The meeting's id."
    )
    series = serializers.SlugRelatedField(
        slug_field="series",
        queryset=Meeting.objects.all(),
        required=False,
        help_text="Or the meeting's series, e.g. `BWC/MSP/2020/MX.5`.",
    )
    kind = serializers.ChoiceField(choices=ReportKind.choices, default=ReportKind.PROCEDURAL_REPORT)
    lang = serializers.ChoiceField(choices=[(code, code) for code in DRAFT_LANGUAGES])

    def validate(self, attrs):
        by_id, by_series = attrs.pop("meeting", None), attrs.pop("series", None)
        if (by_id is None) == (by_series is None):
            raise serializers.ValidationError(
                {"meeting": ["Give the meeting's id or its series (one of the two)."]}
            )
        attrs["meeting"] = by_id or by_series
        return attrs


class DraftRequestInputSerializer(_MeetingInput):
    format = serializers.ChoiceField(choices=DraftFormat.choices)
    strict = serializers.BooleanField(
        default=False, help_text="Do not build the draft if the data checks find problems."
    )


class ReportTemplateSerializer(ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="v1:report-template-detail")
    series = serializers.CharField(source="meeting.series", read_only=True)
    uploaded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ReportTemplate
        fields = (
            "id",
            "url",
            "meeting",
            "series",
            "kind",
            "lang",
            "version",
            "template_version",
            "active",
            "source",
            "uploaded_by",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class TemplateUploadInputSerializer(_MeetingInput):
    source = serializers.CharField(
        required=False,
        trim_whitespace=False,
        max_length=MAX_TEMPLATE_BYTES,
        help_text="The template's text; or upload it as `file`.",
    )
    file = serializers.FileField(required=False, help_text="The template as a UTF-8 text file.")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        upload = attrs.pop("file", None)
        if (upload is None) == ("source" not in attrs):
            raise serializers.ValidationError(
                {"source": ["Give the template's text as `source` or upload it as `file`."]}
            )
        if upload is not None:
            if upload.size > MAX_TEMPLATE_BYTES:
                raise serializers.ValidationError({"file": ["The template file is too large."]})
            try:
                attrs["source"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise serializers.ValidationError(
                    {"file": ["The template file is not UTF-8 text."]}
                ) from error
        return attrs


class TemplateActiveInputSerializer(serializers.Serializer):
    active = serializers.BooleanField(
        help_text="Use the meeting's template (true) or the default one (false)."
    )
