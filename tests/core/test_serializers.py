"""The project's ModelSerializer: fields worked out once per class, the same output as DRF's."""

import pytest
from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.documents.api.serializers import DocumentSerializer
from apps.meetings.api.serializers import MeetingDetailSerializer, MeetingSerializer
from tests.factories.documents import DocumentFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db


def _as_drf_builds_it(serializer_class: type) -> type:
    """The same serializer on DRF's own get_fields: every field worked out anew."""
    return type(
        f"Stock{serializer_class.__name__}",
        (serializer_class,),
        {"get_fields": serializers.ModelSerializer.get_fields},
    )


@pytest.mark.parametrize(
    ("serializer_class", "make"),
    [
        (MeetingSerializer, MeetingFactory),
        (MeetingDetailSerializer, MeetingFactory),
        (DocumentSerializer, DocumentFactory),
    ],
)
def test_output_is_what_drf_gives(serializer_class, make):
    row = make()

    assert serializer_class(row).data == _as_drf_builds_it(serializer_class)(row).data


def test_fields_are_worked_out_once_per_class(monkeypatch):
    MeetingSerializer()  # the class's fields, if no test worked them out yet
    built = []
    original = serializers.ModelSerializer.build_field
    monkeypatch.setattr(
        serializers.ModelSerializer,
        "build_field",
        lambda self, *args: built.append(args[0]) or original(self, *args),
    )

    MeetingSerializer().fields  # noqa: B018 -- reading them builds them
    _as_drf_builds_it(MeetingSerializer)().fields  # noqa: B018

    assert len(built) == len(MeetingSerializer.Meta.fields) - 1  # parent_series is declared


def test_each_instance_has_fields_of_its_own():
    first, second = MeetingSerializer(), MeetingSerializer()

    first.fields["title_en"].read_only = True

    assert first.fields["title_en"] is not second.fields["title_en"]
    assert second.fields["title_en"].read_only is False
    assert first.fields["title_en"].parent is first
    assert second.fields["title_en"].parent is second


def test_a_subclass_works_out_its_own_fields():
    assert "officers" not in MeetingSerializer().fields
    assert "officers" in MeetingDetailSerializer().fields
    assert "officers" not in MeetingSerializer().fields


def test_nested_list_serializers_are_made_anew():
    class Inner(ModelSerializer):
        class Meta:
            model = MeetingSerializer.Meta.model
            fields = ("id", "series")

    class Outer(ModelSerializer):
        children = Inner(many=True, read_only=True)

        class Meta:
            model = MeetingSerializer.Meta.model
            fields = ("id", "children")

    first, second = Outer(), Outer()

    assert first.fields["children"] is not second.fields["children"]
    assert first.fields["children"].child is not second.fields["children"].child
    assert first.fields["children"].child.parent is first.fields["children"]
