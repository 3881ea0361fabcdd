"""Official content in the six UN languages is stored as explicit `<field>_<lang>` columns."""

from .enums import UNLanguage


def localized(obj: object, field: str, lang: str, *, fallback: str = UNLanguage.ENGLISH) -> str:
    """`obj.<field>_<lang>`, falling back to English when that language is empty."""
    value = getattr(obj, f"{field}_{lang}", "") or ""
    if not value and fallback and fallback != lang:
        value = getattr(obj, f"{field}_{fallback}", "") or ""
    return value
