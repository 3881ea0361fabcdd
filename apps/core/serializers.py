"""The base of the project's model serializers."""

from typing import Any

from rest_framework import serializers
from rest_framework.fields import Field


def _fresh(value: Any) -> Any:
    """A new field made with the arguments `value` was made with (nested fields made anew too);
    anything else as it is."""
    if not isinstance(value, Field):
        return value
    args = [_fresh(item) for item in value._args]
    kwargs = {key: _fresh(item) for key, item in value._kwargs.items()}
    return type(value)(*args, **kwargs)


class ModelSerializer(serializers.ModelSerializer):
    """DRF's `ModelSerializer`, working its fields out from the model once per class.

    DRF works every field out from the model's metadata (types, choices, verbose names,
    validators) for each serializer instance, then deep-copies them: once per request and once
    more per nested serializer, about half the CPU of a meeting's detail. The outcome depends on
    the class alone, so it is kept on the class, and each instance gets new fields made with the
    same arguments. DRF's own copies do the same, except that they also deep-copy the arguments
    (choices, querysets) which fields never change: querysets are re-evaluated on each use, and
    validator lists are copied by `Field.__init__`. A serializer whose fields depend on the
    request must not use this base.
    """

    def get_fields(self) -> dict[str, Field]:
        cls = type(self)
        built = cls.__dict__.get("_fields_of_class")  # not a parent's: each class its own
        if built is None:
            built = super().get_fields()
            cls._fields_of_class = built
        return {name: _fresh(field) for name, field in built.items()}
