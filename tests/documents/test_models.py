import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from apps.documents.enums import DocumentType, Modifier
from apps.documents.models import Document
from tests.factories.documents import DocumentFactory

pytestmark = pytest.mark.django_db


def test_document_symbol_is_unique():
    document = DocumentFactory()

    with pytest.raises(IntegrityError):
        DocumentFactory(meeting=document.meeting, symbol=document.symbol, number=99)


def test_document_corrigendum_needs_a_parent_and_a_number():
    with pytest.raises(IntegrityError):
        DocumentFactory(modifier=Modifier.CORRIGENDUM, modifier_number=1)


def test_document_corrigendum_with_its_parent_is_stored():
    parent = DocumentFactory(doc_type=DocumentType.WORKING_PAPER, number=5)

    corrigendum = DocumentFactory(
        meeting=parent.meeting,
        doc_type=DocumentType.WORKING_PAPER,
        number=5,
        symbol=f"{parent.symbol}/Corr.1",
        modifier=Modifier.CORRIGENDUM,
        modifier_number=1,
        parent=parent,
    )

    assert list(parent.versions.all()) == [corrigendum]


def test_document_clean_refuses_unknown_language_codes():
    document = DocumentFactory(languages=["en", "xx"])

    with pytest.raises(ValidationError) as error:
        document.full_clean()

    assert error.value.message_dict == {"languages": ["Unknown language codes: xx."]}


def test_document_natural_key_is_the_symbol():
    document = DocumentFactory()

    assert Document.objects.get_by_natural_key(document.symbol) == document
