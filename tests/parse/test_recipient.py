"""The recipient: address blocks and greetings, written -> read (pure functions, tables)."""

from __future__ import annotations

import pytest

from a11y_pub.model import Recipient
from a11y_pub.parse.raw import Line
from a11y_pub.parse.structure.blocks import Block
from a11y_pub.parse.structure.header import read_recipient, recipient_from_greeting


def _block(*lines: str) -> Block:
    return Block(lines=[Line(text) for text in lines], text=" ".join(lines))


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # a role joined to its organisation: two fields, and the connector as written
            ("Monsieur Alain Tessier", "Président du Club des Nageurs de Vaux", "71420 Vaux"),
            Recipient(civility="Monsieur", name="Alain Tessier", role="Président", organisation="Club des Nageurs de Vaux",
                      address=("71420 Vaux",), connector="du"),
        ),
        (
            ("Ms Jane Roe", "Chair of the Riverside Trust"),
            Recipient(civility="Ms", name="Jane Roe", role="Chair", organisation="Riverside Trust", connector="of the"),
        ),
        (  # the connector joins the role to the organisation that follows it, not to one above it
            ("Association Les Amis du Parc", "Présidente de la commission culture"),
            Recipient(role="Présidente", organisation="Association Les Amis du Parc, commission culture"),
        ),
        (  # a role after a comma is split from the organisation
            ("Présidente, Association Vivre Ensemble",),
            Recipient(role="Présidente", organisation="Association Vivre Ensemble"),
        ),
        (  # a civility and a role, no name
            ("Madame la Présidente de l'association Les Jardins", "Maison des associations", "35250 Saint-Aubin"),
            Recipient(civility="Madame", role="la Présidente de l'association Les Jardins",
                      address=("Maison des associations", "35250 Saint-Aubin")),
        ),
        (  # care of a person: the person is the recipient
            ("Friends of the Day Centre", "c/o Mrs Pauline Tregear, Secretary", "Whitcombe Road", "Dunmere PL30 5DE"),
            Recipient(civility="Mrs", name="Pauline Tregear", role="Secretary", organisation="Friends of the Day Centre",
                      address=("Whitcombe Road", "Dunmere PL30 5DE")),
        ),
        (  # care of a place: an address
            ("Ashworth Youth Forum", "c/o Ashworth Library, Park Road"),
            Recipient(organisation="Ashworth Youth Forum", address=("c/o Ashworth Library, Park Road",)),
        ),
        (  # one line, the address after commas
            ("Association Vélo Vexin, 4 rue de la Gare, 27150 Lormes",),
            Recipient(organisation="Association Vélo Vexin", address=("4 rue de la Gare", "27150 Lormes")),
        ),
    ],
)
def test_read_recipient(lines: tuple[str, ...], expected: Recipient) -> None:
    assert read_recipient(_block(*lines), lead=False) == expected


@pytest.mark.parametrize(
    ("line", "role_line"),
    [
        ("Président de l’Association EKKO", "Président de l’Association EKKO"),  # elided: no space after it
        ("Présidente du Club des Nageurs", "Présidente du Club des Nageurs"),
        ("Directrice de la Maison de quartier", "Directrice de la Maison de quartier"),
        ("Chair of the Riverside Trust", "Chair of the Riverside Trust"),
        ("Présidente, Association Vivre Ensemble", "Présidente, Association Vivre Ensemble"),
        ("Trésorier", "Trésorier"),
    ],
)
def test_role_line_is_written_as_the_letter_joins_it(line: str, role_line: str) -> None:
    """What the renderers print after the name (PDF, Word, EPUB, web page, the spoken introduction)."""
    assert read_recipient(_block("Mme Anne Roux", line), lead=False).role_line == role_line


@pytest.mark.parametrize(
    ("greeting", "header", "expected"),
    [
        ("Bonjour Madame Texier,", Recipient(organisation="Association A"),
         Recipient(civility="Madame", name="Texier", organisation="Association A")),
        ("Hi Gareth,", Recipient(), Recipient(name="Gareth")),
        ("Dear Ms O'Neill,", Recipient(), Recipient(civility="Ms", name="O'Neill")),
        ("Cher Paul,", Recipient(), Recipient(name="Paul")),
        ("Hi Jo,", Recipient(organisation="Jo Penhaligon"), Recipient(name="Jo Penhaligon")),  # the To: name is the person
        ("Dear Ms Smith,", Recipient(name="Jane Smith"), Recipient(name="Jane Smith")),  # the header already names someone
        ("Madame la Présidente,", Recipient(), Recipient()),  # a role names no one
        ("Monsieur le Coordinateur,", Recipient(), Recipient()),
        ("Madame,", Recipient(), Recipient()),  # a civility alone
        ("Dear members of the Youth Forum,", Recipient(), Recipient()),  # a group
        ("Dear Sir or Madam,", Recipient(), Recipient()),
        ("Madame, Monsieur,", Recipient(), Recipient()),
        ("Dear Friends of Riverside Park,", Recipient(), Recipient()),
    ],
)
def test_recipient_from_greeting(greeting: str, header: Recipient, expected: Recipient) -> None:
    assert recipient_from_greeting(greeting, header) == expected
