"""Reads of meetings and of the chair rotation."""

from apps.entities.models import RegionalGroup

from .enums import RotatedBody
from .models import ChairRotation


def chair_group_for(
    *, year: int, body: RotatedBody, mx_number: int | None = None
) -> RegionalGroup | None:
    """Which regional group chairs a meeting of the programme, per the rotation table.

    `chair_group_for(year=2019, body=RotatedBody.MEETING_OF_EXPERTS, mx_number=3)` is the NAM.
    """
    if body == RotatedBody.MEETING_OF_STATES_PARTIES:
        mx_number = None
    rotation = (
        ChairRotation.objects.select_related("regional_group")
        .filter(year=year, body=body, mx_number=mx_number)
        .first()
    )
    return rotation.regional_group if rotation else None
