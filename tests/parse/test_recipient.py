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
        (  # the organisation on the role's line: the lines after it say where it is
            ("Mrs Lorna McAllister", "Chair, Friends of Seaview Primary (PTA)", "Seaview Primary School", "Links Road",
             "Kirkhaven", "KH5 2BX"),
            Recipient(civility="Mrs", name="Lorna McAllister", role="Chair", organisation="Friends of Seaview Primary (PTA)",
                      address=("Seaview Primary School", "Links Road", "Kirkhaven", "KH5 2BX")),
        ),
        (
            ("Mme Odile Ferrand", "Présidente, Épicerie solidaire", "Maison des associations", "2 rue Basse", "72200 La Flèche"),
            Recipient(civility="Mme", name="Odile Ferrand", role="Présidente", organisation="Épicerie solidaire",
                      address=("Maison des associations", "2 rue Basse", "72200 La Flèche")),
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


_LETTERHEAD_DATES = [
    # (sender block, date line set apart, expected date): a date inside the letterhead (an
    # election day, an event) is not the letter's date when a date line stands on its own.
    (("Jane Roe", "Candidate, Millbrook Ward", "Borough Council elections, 7 May 2026", "1 High Street", "Thornbury"),
     "Thornbury, 16 April 2026", "2026-04-16"),
    (("Marie Vidal", "Candidate aux municipales du 15 mars 2026", "3 rue des Lilas", "21000 Dijon"),
     "Dijon, le 2 mars 2026", "2026-03-02"),
    (("Marie Vidal", "Élections du 15 mars 2026", "3 rue des Lilas", "21000 Dijon"), "", "2026-03-15"),
]


@pytest.mark.parametrize(("sender", "date_line", "expected"), _LETTERHEAD_DATES)
def test_a_date_line_on_its_own_is_the_letters_date(sender: tuple[str, ...], date_line: str, expected: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from a11y_pub.parse import parse_letter

    english = sender[0] == "Jane Roe"
    recipient = "Mr Owen Price\nSecretary, Cycle Campaign\n2 Castle Street\nThornbury"
    if not english:
        recipient = "Monsieur Paul Durand\nPrésident du Club Vélo\n21000 Dijon"
    greeting, body, closing = (
        ("Dear Mr Price,", "Thank you for your letter. I will support the new cycle lane on Castle Street.", "Yours sincerely,")
        if english else ("Monsieur,", "Merci pour votre lettre. Je soutiendrai la piste cyclable de la rue du Port.", "Bien cordialement,")
    )
    parts = ["\n".join(sender), date_line, recipient, greeting, body, closing, sender[0]]
    path = tmp_path / "letter.txt"
    path.write_text("\n\n".join(p for p in parts if p) + "\n", encoding="utf-8")
    assert parse_letter(path).date == expected


@pytest.mark.parametrize(
    ("lines", "language", "expected"),
    [
        (["Danielle Osei", "Farid Haddad", "Mark Leadbetter", "Labour candidates"], "en",
         ["Danielle Osei, Farid Haddad and Mark Leadbetter", "Labour candidates"]),
        (["Nadia Khelifi                Christophe Roumagnac"], "fr", ["Nadia Khelifi et Christophe Roumagnac"]),
        (["Mme Claire Dubois", "M. Paul Henry", "Co-présidents"], "fr", ["Mme Claire Dubois et M. Paul Henry", "Co-présidents"]),
        (["Jean-Marc de La Tour", "Anne VIDAL"], "fr", ["Jean-Marc de La Tour et Anne VIDAL"]),
        (["Marie Dupont", "Présidente"], "fr", ["Marie Dupont", "Présidente"]),  # one signatory
        (["Marie Dupont", "Tête de liste"], "fr", ["Marie Dupont", "Tête de liste"]),
        (["Priya Raman", "Green Party", "Harrowfield Ward"], "en", ["Priya Raman", "Green Party", "Harrowfield Ward"]),
        (["Ann Lee", "Bo Chen", "Riverside Residents"], "en", ["Ann Lee and Bo Chen", "Riverside Residents"]),
        (["Jo Bloggs", "Chair, Riverside Trust"], "en", ["Jo Bloggs", "Chair, Riverside Trust"]),
        ([], "en", []),
        (["Gérard Almeida", "et l'équipe « Bien vieillir »"], "fr", ["Gérard Almeida et l'équipe « Bien vieillir »"]),
        (["Jo Bloggs", "and the Riverside team", "Chair"], "en", ["Jo Bloggs and the Riverside team", "Chair"]),
    ],
)
def test_cosignatories_are_joined(lines: list[str], language: str, expected: list[str]) -> None:
    from a11y_pub.parse.structure.landmarks import join_cosignatories

    assert join_cosignatories(lines, language) == expected


@pytest.mark.parametrize(
    ("titles", "kind"),
    [
        (["Question 1 – Vous engagez-vous à ouvrir la piscine ?", "Question 2 – Et le gymnase ?"], "question"),
        (["Will rents go up?", "How will tenants have a say?", "Will you bring back the caretaker?"], "question"),
        (["Rouvrir la piscine", "Et le gymnase ?"], "commitment"),  # one question among promises
        (["Will rents go up?"], "commitment"),  # a single titled part: too little to call it Q&A
    ],
)
def test_parts_titled_by_questions_are_questions(titles: list[str], kind: str) -> None:
    from a11y_pub.parse.structure.blocks import Draft
    from a11y_pub.parse.structure.sections import finalise

    drafts = [Draft(kind="commitment", title=title, number=i + 1) for i, title in enumerate(titles)]
    for draft in drafts:
        draft.add_paragraph("Oui. Nous le ferons en 2027.")
    assert {s.kind for s in finalise(drafts, "fr")} == {kind}


@pytest.mark.parametrize(
    ("signature", "person"),
    [
        ("Gérard Almeida et l'équipe « Bien vieillir »", "Gérard Almeida"),
        ("Élodie Carrère et toute l'équipe de « Saint-Orens Solidaire »", "Élodie Carrère"),
        ("Jo Bloggs and the Riverside team", "Jo Bloggs"),
        ("Nadia Khelifi et Christophe Roumagnac", "Nadia Khelifi et Christophe Roumagnac"),  # two people
        ("Ann Lee, Bo Chen and Cy Dunn", "Ann Lee, Bo Chen and Cy Dunn"),
    ],
)
def test_the_signer_of_a_signature_that_adds_a_group(signature: str, person: str) -> None:
    from a11y_pub.parse.structure.landmarks import signer_of

    assert signer_of(signature) == person
