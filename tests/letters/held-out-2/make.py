#!/usr/bin/env python3
"""Builds the blind2 parser test letters (.docx, .pdf, .eml, .txt, .md) and their
NAME.expected.json files.  Run with the venv that has python-docx and fpdf2:
    /tmp/blindvenv/bin/python make.py
"""
import json, os, zlib
from email.message import EmailMessage
from email.headerregistry import Address
from email import policy

from docx import Document
from docx.shared import Pt, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from fpdf import FPDF

OUT = os.path.dirname(os.path.abspath(__file__))
FONT_DIR = "/usr/share/fonts/truetype/dejavu"


def expected(name, **kw):
    base = {"language": None, "author": "", "recipient": "", "date": None,
            "subject": "", "salutation": "", "closing": "", "signature": "",
            "sections": [], "left_out": []}
    base.update(kw)
    base["sections"] = [{"kind": k, "title": t} for k, t in base["sections"]]
    with open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(base, f, ensure_ascii=False, indent=2)
        f.write("\n")


def para(doc, text="", bold=False, style=None, align=None, space_after=None):
    p = doc.add_paragraph(style=style) if style else doc.add_paragraph()
    if text:
        r = p.add_run(text)
        r.bold = bold
    if align is not None:
        p.alignment = align
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def lead_para(doc, lead, rest, style=None):
    """Paragraph whose first words are bold (the way people title a point)."""
    p = doc.add_paragraph(style=style) if style else doc.add_paragraph()
    r = p.add_run(lead)
    r.bold = True
    p.add_run(rest)
    return p


def soft_block(doc, lines, bold_first=False, align=None):
    """One paragraph, lines separated by shift-enter (soft line breaks)."""
    p = doc.add_paragraph()
    for i, line in enumerate(lines):
        r = p.add_run(line)
        if i == 0 and bold_first:
            r.bold = True
        if i < len(lines) - 1:
            r.add_break(WD_BREAK.LINE)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(12)
    return p


def base_doc():
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2.2)
    return doc


# ---------------------------------------------------------------- fr-p01.docx
def fr_p01():
    """Letterhead in the page header; recipient then date; real Word numbering."""
    doc = base_doc()
    hdr = doc.sections[0].header
    hp = hdr.paragraphs[0]
    r = hp.add_run("VIVRE À ROQUEBRUNE-D'OC")
    r.bold = True
    r.font.size = Pt(14)
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    hp2 = hdr.add_paragraph("Liste conduite par Claire Fabre-Montagné – Élections municipales des 15 et 22 mars 2026")
    hp2.alignment = WD_ALIGN_PARAGRAPH.CENTER
    hp3 = hdr.add_paragraph("3, place de la Halle – 34290 Roquebrune-d'Oc – 04 67 98 12 30 – contact@vivre-roquebrune.example.fr")
    hp3.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for p in (hp2, hp3):
        for run in p.runs:
            run.font.size = Pt(8)

    para(doc, "")
    para(doc, "Association Les Amis du Canal et des Étangs", space_after=0)
    para(doc, "Monsieur Lucien Barthès, Président", space_after=0)
    para(doc, "12, quai des Tonneliers", space_after=0)
    para(doc, "34290 Roquebrune-d'Oc")
    para(doc, "Roquebrune-d'Oc, le 18 février 2026", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, "")
    lead_para(doc, "Objet : ", "réponse à votre questionnaire « Environnement et biodiversité »")
    para(doc, "")
    para(doc, "Monsieur le Président,")
    J = WD_ALIGN_PARAGRAPH.JUSTIFY
    para(doc, "Vous avez bien voulu adresser à notre liste, le 2 février dernier, le questionnaire que votre "
              "association soumet à chaque élection municipale depuis 2008. Je vous en remercie, et je vous prie "
              "d'excuser le léger retard de cette réponse : nous avons souhaité la discuter en réunion d'équipe "
              "plutôt que de vous envoyer des généralités.", align=J)
    para(doc, "Roquebrune-d'Oc a perdu en vingt ans près de 40 hectares de terres agricoles et de zones humides, "
              "au profit de lotissements et de la zone commerciale des Garrigues. Nous pensons qu'il est temps "
              "de s'arrêter. Voici nos engagements, sur lesquels nous accepterons d'être jugés en 2032 :", align=J)
    items = [
        ("Aucune nouvelle zone à urbaniser. ",
         "Nous engagerons dès 2026 la révision du plan local d'urbanisme (PLU) pour reclasser en zone agricole "
         "ou naturelle les 11 hectares encore classés « à urbaniser » au lieu-dit Les Jonquières."),
        ("Protéger les berges de l'étang de Vendres-le-Petit. ",
         "Nous créerons avec votre association et le Conservatoire d'espaces naturels un sentier de découverte, "
         "et nous interdirons la circulation des véhicules à moteur sur le chemin de halage, sauf pour les ayants droit."),
        ("Planter 1 000 arbres d'essences locales en six ans, ",
         "en priorité dans les cours d'école et sur le parking de la salle polyvalente, où la température "
         "dépasse régulièrement 45 °C au sol en juillet."),
        ("Mettre fin aux pesticides dans le cimetière et sur les terrains de sport, ",
         "les seuls espaces où la commune en utilise encore, en formant les trois agents des espaces verts "
         "au désherbage mécanique."),
        ("Associer les habitants. ",
         "Un conseil citoyen de l'environnement, ouvert à tous et à votre association, se réunira au moins "
         "trois fois par an ; ses avis seront publiés dans le bulletin municipal."),
    ]
    for lead, rest in items:
        p = lead_para(doc, lead, rest, style="List Number")
        p.alignment = J
    para(doc, "Je ne vous cache pas que le projet d'extension de la zone des Garrigues, voté par l'équipe sortante "
              "le 9 décembre 2025, pose une difficulté juridique : nous ne pourrons pas l'annuler purement et "
              "simplement. Nous demanderons en revanche au promoteur de revoir sa copie, et nous n'accorderons "
              "aucune dérogation supplémentaire.", align=J)
    para(doc, "Notre équipe se tient à votre disposition pour participer au débat que vous organisez le 5 mars à "
              "la salle des Tonneliers.", align=J)
    para(doc, "Je vous prie d'agréer, Monsieur le Président, l'expression de mes sentiments les meilleurs.", align=J)
    para(doc, "")
    para(doc, "Claire Fabre-Montagné", space_after=0)
    para(doc, "Tête de liste « Vivre à Roquebrune-d'Oc »")
    doc.save(os.path.join(OUT, "fr-p01.docx"))
    expected("fr-p01", language="fr", author="Claire Fabre-Montagné",
             recipient="Monsieur Lucien Barthès, Président de l'association Les Amis du Canal et des Étangs",
             date="2026-02-18",
             subject="réponse à votre questionnaire « Environnement et biodiversité »",
             salutation="Monsieur le Président,",
             closing="Je vous prie d'agréer, Monsieur le Président, l'expression de mes sentiments les meilleurs.",
             signature="Claire Fabre-Montagné, Tête de liste « Vivre à Roquebrune-d'Oc »",
             sections=[("introduction", ""),
                       ("commitment", "Aucune nouvelle zone à urbaniser."),
                       ("commitment", "Protéger les berges de l'étang de Vendres-le-Petit."),
                       ("commitment", "Planter 1 000 arbres d'essences locales en six ans,"),
                       ("commitment", "Mettre fin aux pesticides dans le cimetière et sur les terrains de sport,"),
                       ("commitment", "Associer les habitants."),
                       ("conclusion", "")],
             left_out=["letterhead in the page header (sender details only)"])


# ---------------------------------------------------------------- fr-p02.docx
def fr_p02():
    """Ordinal headings (PREMIÈRE PROPOSITION…), a Word table, recipient as a role."""
    doc = base_doc()
    para(doc, "Jean-Baptiste Lefèvre-Ndiaye", bold=True, space_after=0)
    para(doc, "Candidat à l'élection municipale – liste « Val-Brûlé Autrement »", space_after=0)
    para(doc, "18, allée des Cerisiers", space_after=0)
    para(doc, "71460 Val-Brûlé", space_after=0)
    para(doc, "jb.lefevre-ndiaye@example.fr – 06 21 45 87 09")
    para(doc, "")
    para(doc, "Madame la Présidente de l'association", space_after=0)
    para(doc, "Culture et Loisirs du Val-Brûlé (CLVB)", space_after=0)
    para(doc, "Maison pour tous, rue du Moulin", space_after=0)
    para(doc, "71460 Val-Brûlé")
    para(doc, "Val-Brûlé, le 4 mars 2026")
    para(doc, "Objet : vos questions sur la culture, le sport et la vie associative", bold=True)
    para(doc, "Madame la Présidente,")
    J = WD_ALIGN_PARAGRAPH.JUSTIFY
    para(doc, "Lors de votre assemblée générale du 24 janvier, vous avez demandé aux candidats de présenter, "
              "non pas un programme complet, mais trois propositions précises pour la vie culturelle et "
              "sportive de notre commune. Nous nous sommes pliés à l'exercice, et nous vous les présentons "
              "ci-dessous, avec leur coût et leur calendrier.", align=J)
    blocks = [
        ("PREMIÈRE PROPOSITION : ROUVRIR LA PISCINE DES SABLONS",
         "Fermée depuis l'été 2024 pour raisons de sécurité, la piscine des Sablons manque à toutes les "
         "familles. Nous la rénoverons pour une réouverture au plus tard en juin 2028, en sollicitant l'Agence "
         "nationale du sport et le Département. Les créneaux scolaires y seront prioritaires."),
        ("DEUXIÈME PROPOSITION : UNE SAISON CULTURELLE À LA GRANGE",
         "La grange Pernot, acquise par la commune en 2019, est inutilisée. Nous y programmerons six spectacles "
         "par an, dont deux conçus avec les associations locales, à des tarifs ne dépassant pas 8 €, et "
         "gratuits pour les moins de 18 ans."),
        ("TROISIÈME PROPOSITION : UN GUICHET UNIQUE POUR LES ASSOCIATIONS",
         "Réserver une salle, demander une subvention, emprunter des barrières ou une sono : tout cela se fera "
         "en un seul endroit, à la mairie, avec une personne référente et un formulaire unique en ligne."),
    ]
    for head, body in blocks:
        h = doc.add_heading(head, level=2)
        para(doc, body, align=J)
    para(doc, "Le tableau suivant récapitule ces trois propositions :", align=J)
    t = doc.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    hdr = t.rows[0].cells
    for c, txt in zip(hdr, ["Proposition", "Coût estimé", "Calendrier"]):
        c.text = ""
        c.paragraphs[0].add_run(txt).bold = True
    for row in [("Piscine des Sablons", "2,4 M€ (dont 50 % de subventions attendues)", "Travaux 2027, ouverture juin 2028"),
                ("Saison à la grange Pernot", "35 000 € par an", "Dès l'automne 2026"),
                ("Guichet unique", "Redéploiement d'un poste existant", "Janvier 2027")]:
        cells = t.add_row().cells
        for c, txt in zip(cells, row):
            c.text = txt
    para(doc, "")
    para(doc, "Si les subventions attendues pour la piscine n'étaient pas accordées, nous ne renoncerions pas "
              "au projet, mais nous serions contraints d'en étaler le financement sur deux exercices "
              "supplémentaires. Nous nous engageons à vous en rendre compte chaque année.", align=J)
    para(doc, "Cordialement,")
    para(doc, "")
    para(doc, "Jean-Baptiste Lefèvre-Ndiaye", space_after=0)
    para(doc, "pour l'équipe « Val-Brûlé Autrement »")
    doc.save(os.path.join(OUT, "fr-p02.docx"))
    expected("fr-p02", language="fr", author="Jean-Baptiste Lefèvre-Ndiaye",
             recipient="Madame la Présidente de l'association Culture et Loisirs du Val-Brûlé (CLVB)",
             date="2026-03-04",
             subject="vos questions sur la culture, le sport et la vie associative",
             salutation="Madame la Présidente,",
             closing="Cordialement,",
             signature="Jean-Baptiste Lefèvre-Ndiaye, pour l'équipe « Val-Brûlé Autrement »",
             sections=[("introduction", ""),
                       ("commitment", "PREMIÈRE PROPOSITION : ROUVRIR LA PISCINE DES SABLONS"),
                       ("commitment", "DEUXIÈME PROPOSITION : UNE SAISON CULTURELLE À LA GRANGE"),
                       ("commitment", "TROISIÈME PROPOSITION : UN GUICHET UNIQUE POUR LES ASSOCIATIONS"),
                       ("conclusion", "")],
             left_out=[])


# ---------------------------------------------------------------- en-p01.docx
def en_p01():
    """Address blocks typed with shift-enter; name in capitals; typed numbers."""
    doc = base_doc()
    soft_block(doc, ["Dr Kwame Asante-Brierley", "Green Party candidate, Fenwick Ward",
                     "9 Orchard Row", "Tadbury", "Somerset TA4 7XJ",
                     "kwame.ab@example.org.uk  ·  07700 900 552"], bold_first=True)
    soft_block(doc, ["Mr David OKONKWO-HALE", "Secretary",
                     "Tadbury Allotment & Growers Association", "The Pavilion, Ledbury Lane",
                     "Tadbury TA4 7PL"])
    para(doc, "3rd March 2026")
    para(doc, "Dear Mr Okonkwo-Hale,")
    para(doc, "Allotments, green spaces and growing food in Tadbury", bold=True)
    J = WD_ALIGN_PARAGRAPH.JUSTIFY
    para(doc, "Thank you for your letter, and for the chance to speak at your AGM on 12 January. I was struck "
              "by how many people there had been waiting more than three years for a plot, and by the number "
              "of younger families who would like to grow their own food but cannot find anywhere to do it.",
         align=J)
    para(doc, "You asked each candidate to set out what they would actually do. These are the things I will "
              "work for if I am elected on 7 May:", align=J)
    items = [
        ("1. A new allotment site. ",
         "The district council owns the field behind Tadbury Primary (around 1.6 hectares). I will propose that "
         "it is laid out as 40 full plots and 20 half plots, with water and a secure shed, by spring 2028."),
        ("2. Shorter waiting lists. ",
         "Plots that have been left uncultivated for two seasons should be offered to the next person on the "
         "list, after a warning. At the moment 230 people are waiting, and some plots have not been touched "
         "since 2022."),
        ("3. Fair rents. ",
         "I will oppose the proposed 25% rise in plot rents, and I will ask for a 50% reduction for people on "
         "Pension Credit or Universal Credit."),
        ("4. Community orchards. ",
         "I will support the Association's plan to plant a community orchard on the Ledbury Lane verge, and I "
         "will ask the council to cover the cost of the first 30 trees."),
    ]
    for lead, rest in items:
        p = lead_para(doc, lead, rest)
        p.alignment = J
    para(doc, "I cannot promise that all of this will happen in the first year: the new site in particular "
              "needs planning consent and a survey for great crested newts, which were recorded near the "
              "brook in 2019. But I will report back to the Association twice a year on where things stand.",
         align=J)
    para(doc, "Yours sincerely,")
    para(doc, "")
    para(doc, "Kwame Asante-Brierley")
    doc.save(os.path.join(OUT, "en-p01.docx"))
    expected("en-p01", language="en", author="Dr Kwame Asante-Brierley",
             recipient="Mr David Okonkwo-Hale, Secretary, Tadbury Allotment & Growers Association",
             date="2026-03-03",
             subject="Allotments, green spaces and growing food in Tadbury",
             salutation="Dear Mr Okonkwo-Hale,",
             closing="Yours sincerely,",
             signature="Kwame Asante-Brierley",
             sections=[("introduction", ""),
                       ("commitment", "A new allotment site."),
                       ("commitment", "Shorter waiting lists."),
                       ("commitment", "Fair rents."),
                       ("commitment", "Community orchards."),
                       ("conclusion", "")],
             left_out=[])


# ---------------------------------------------------------------- en-p02.docx
def en_p02():
    """Heading styles; 'Background' section; Firstly/Secondly…; role recipient; P.S."""
    doc = base_doc()
    para(doc, "Brackenfield Together", bold=True, space_after=0)
    para(doc, "Independent candidates for Brackenfield Town Council", space_after=0)
    para(doc, "The Old Forge, 2 Smithy Lane, Brackenfield, Derbyshire DE56 9RT", space_after=0)
    para(doc, "brackenfieldtogether@example.com")
    para(doc, "")
    para(doc, "The Chair", space_after=0)
    para(doc, "Brackenfield Community Library Trust", space_after=0)
    para(doc, "Market Place", space_after=0)
    para(doc, "Brackenfield DE56 9QA")
    para(doc, "")
    para(doc, "16 April 2026")
    doc.add_heading("Our response to the Trust's letter on library services", level=1)
    para(doc, "Dear Chair,")
    J = WD_ALIGN_PARAGRAPH.JUSTIFY
    para(doc, "Thank you for writing to all the groups standing in the town council elections. We have "
              "discussed your letter as a group and this reply is agreed by all seven of our candidates.",
         align=J)
    doc.add_heading("Background", level=2)
    para(doc, "Since the County Council handed the library over to the Trust in April 2023, it has been run "
              "almost entirely by volunteers, with a town council grant of £22,000 a year. Visits have risen "
              "by 18% over that time, but the building needs a new roof and the grant has not changed since "
              "the handover. We know the Trust's reserves will run out in 2027 if nothing changes.", align=J)
    doc.add_heading("What we will do", level=2)
    pledges = [
        ("Firstly, we will raise the grant. ",
         "If we are elected we will propose raising the grant to £30,000 in 2027/28 and linking it to inflation "
         "after that, so the Trust can plan ahead."),
        ("Secondly, we will help with the roof. ",
         "We will ask the town council to apply, jointly with the Trust, to the National Lottery Heritage Fund "
         "and to set aside up to £15,000 as match funding."),
        ("Thirdly, we will keep the library where it is. ",
         "We will not support any plan to move the library out of the Market Place building, including the "
         "proposal to merge it with the leisure centre reception."),
        ("Finally, we will make room for young people. ",
         "We would like to see a homework club three evenings a week, and will ask local secondary schools and "
         "the youth service to help staff it."),
    ]
    for lead, rest in pledges:
        p = lead_para(doc, lead, rest)
        p.alignment = J
    para(doc, "We would welcome the chance to meet the trustees before polling day on 7 May.", align=J)
    para(doc, "Yours faithfully,")
    para(doc, "")
    para(doc, "Nadia Szymańska", space_after=0)
    para(doc, "on behalf of Brackenfield Together")
    para(doc, "")
    para(doc, "P.S. Several of us are library volunteers ourselves — Saturday mornings, mostly — so please "
              "don't hesitate to stop us for a chat at the desk.")
    doc.save(os.path.join(OUT, "en-p02.docx"))
    expected("en-p02", language="en", author="Nadia Szymańska",
             recipient="The Chair, Brackenfield Community Library Trust",
             date="2026-04-16",
             subject="Our response to the Trust's letter on library services",
             salutation="Dear Chair,",
             closing="Yours faithfully,",
             signature="Nadia Szymańska, on behalf of Brackenfield Together",
             sections=[("introduction", ""),
                       ("paragraph", "Background"),
                       ("commitment", "Firstly, we will raise the grant."),
                       ("commitment", "Secondly, we will help with the roof."),
                       ("commitment", "Thirdly, we will keep the library where it is."),
                       ("commitment", "Finally, we will make room for young people."),
                       ("conclusion", ""),
                       ("appendix", "P.S.")],
             left_out=[])


# ---------------------------------------------------------------- PDF helpers
class Letter(FPDF):
    footer_fmt = None  # e.g. "Page {p}/{nb}"

    def footer(self):
        if not self.footer_fmt:
            return
        self.set_y(-15)
        self.set_font("Serif", "", 8)
        self.cell(0, 10, self.footer_fmt.format(p=self.page_no(), nb="{nb}"), align="C")


def new_pdf(footer=None, top=20, bottom=22):
    pdf = Letter(format="A4")
    pdf.footer_fmt = footer
    pdf.add_font("Serif", "", os.path.join(FONT_DIR, "DejaVuSerif.ttf"))
    pdf.add_font("Serif", "B", os.path.join(FONT_DIR, "DejaVuSerif-Bold.ttf"))
    pdf.add_font("Serif", "I", os.path.join(FONT_DIR, "DejaVuSerif-Italic.ttf"))
    pdf.set_margins(22, top, 22)
    pdf.set_auto_page_break(True, margin=bottom)
    pdf.add_page()
    pdf.set_font("Serif", "", 10)
    return pdf


def lines(pdf, items, x=None, h=5, style=""):
    pdf.set_font("Serif", style, 10)
    for it in items:
        if x is not None:
            pdf.set_x(x)
        pdf.cell(0, h, it, new_x="LMARGIN", new_y="NEXT")


def jpara(pdf, text, h=5, after=3, style="", indent=0):
    pdf.set_font("Serif", style, 10)
    if indent:
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, h, text, align="J", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(0, h, text, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(after)


def two_blocks(pdf, left, right, right_x=118, h=5):
    """Sender block top-left, recipient block on the right at the same height."""
    y0 = pdf.get_y()
    pdf.set_font("Serif", "", 10)
    for i, l in enumerate(left):
        pdf.set_font("Serif", "B" if i == 0 else "", 10)
        pdf.set_xy(pdf.l_margin, y0 + i * h)
        pdf.cell(90, h, l)
    pdf.set_font("Serif", "", 10)
    for i, l in enumerate(right):
        pdf.set_xy(right_x, y0 + i * h)
        pdf.cell(0, h, l)
    pdf.set_xy(pdf.l_margin, y0 + max(len(left), len(right)) * h)
    pdf.ln(6)


# ---------------------------------------------------------------- fr-p03.pdf
def fr_p03():
    pdf = new_pdf(top=14, bottom=12)
    two_blocks(pdf,
               ["Gaëlle Quéméner", "Candidate – liste « Lannurien pour tous »", "7, venelle du Lavoir",
                "56380 Lannurien", "06 74 12 90 33", "g.quemener@example.fr"],
               ["Conseil local FCPE", "des écoles publiques de Lannurien", "Groupe scolaire Per-Jakez-Hélias",
                "1, rue des Écoles", "56380 Lannurien"])
    pdf.set_x(118)
    pdf.cell(0, 5, "À l'attention de Mme Sylvie Caradec, présidente", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_x(118)
    pdf.cell(0, 5, "Lannurien, le 25 février 2026", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Serif", "B", 10)
    pdf.multi_cell(0, 5, "Objet : restauration scolaire, périscolaire et sécurité aux abords des écoles",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    jpara(pdf, "Madame la Présidente,", after=3)
    jpara(pdf, "Vous nous avez transmis le 10 février les résultats de l'enquête menée par la FCPE auprès des "
               "familles des deux écoles de Lannurien. Nous vous remercions pour ce travail, qui a recueilli "
               "213 réponses, et nous y répondons en détail.")
    pdf.set_font("Serif", "B", 11)
    pdf.cell(0, 7, "Le contexte", new_x="LMARGIN", new_y="NEXT")
    jpara(pdf, "La cantine de Lannurien sert chaque jour environ 310 repas, préparés sur place. Le prix du "
               "repas est de 3,90 € pour toutes les familles, quel que soit leur revenu. La garderie du matin "
               "ouvre à 7 h 45, ce qui ne convient pas aux parents qui travaillent à l'usine de Kervignac, "
               "dont les équipes commencent à 7 h. Enfin, 64 % des familles qui ont répondu jugent dangereuse "
               "la traversée de la route départementale devant l'école élémentaire.")
    pdf.set_font("Serif", "B", 11)
    pdf.cell(0, 7, "Nos engagements", new_x="LMARGIN", new_y="NEXT")
    items = [
        ("1. Une tarification sociale de la cantine",
         "Nous mettrons en place, dès la rentrée 2026, une grille à quatre tranches selon le quotient familial, "
         "de 1 € à 4,20 € le repas. Aucune famille ne paiera plus qu'aujourd'hui si son quotient est inférieur "
         "à 1 200 €."),
        ("2. 50 % de produits bio et locaux",
         "Nous atteindrons cet objectif d'ici 2028 en passant des contrats directs avec les producteurs du "
         "pays de Lorient, et nous maintiendrons un repas végétarien par semaine."),
        ("3. Une garderie dès 7 h",
         "Nous avancerons l'ouverture de la garderie à 7 h, à titre d'essai pendant un an, puis nous ferons "
         "le bilan avec vous."),
        ("4. La sécurité devant l'école élémentaire",
         "Nous demanderons au Département un plateau ralentisseur et un passage piéton éclairé, et nous "
         "financerons sur le budget communal un agent aux heures d'entrée et de sortie."),
    ]
    for t, b in items:
        pdf.set_font("Serif", "B", 10)
        pdf.multi_cell(0, 5, t, new_x="LMARGIN", new_y="NEXT")
        jpara(pdf, b, indent=6)
    jpara(pdf, "Ces engagements ont été chiffrés : ils représentent environ 85 000 € par an, soit 1,8 % du "
               "budget de fonctionnement de la commune. Nous les présenterons lors de la réunion publique du "
               "7 mars, à laquelle nous serions heureux que la FCPE soit représentée.")
    jpara(pdf, "Je vous prie de croire, Madame la Présidente, en l'expression de nos salutations distinguées.",
          after=8)
    lines(pdf, ["Gaëlle Quéméner", "et l'équipe « Lannurien pour tous »"])
    pdf.output(os.path.join(OUT, "fr-p03.pdf"))
    expected("fr-p03", language="fr", author="Gaëlle Quéméner",
             recipient="Conseil local FCPE des écoles publiques de Lannurien, à l'attention de Mme Sylvie Caradec, présidente",
             date="2026-02-25",
             subject="restauration scolaire, périscolaire et sécurité aux abords des écoles",
             salutation="Madame la Présidente,",
             closing="Je vous prie de croire, Madame la Présidente, en l'expression de nos salutations distinguées.",
             signature="Gaëlle Quéméner et l'équipe « Lannurien pour tous »",
             sections=[("introduction", ""),
                       ("paragraph", "Le contexte"),
                       ("commitment", "Une tarification sociale de la cantine"),
                       ("commitment", "50 % de produits bio et locaux"),
                       ("commitment", "Une garderie dès 7 h"),
                       ("commitment", "La sécurité devant l'école élémentaire"),
                       ("conclusion", "")],
             left_out=[])


# ---------------------------------------------------------------- fr-p04.pdf
def fr_p04():
    """Long letter over two pages, page-number footer, name in capitals,
    'Titre – corps' commitments, signature block with no closing formula."""
    pdf = new_pdf(footer="Page {p} / {nb}")
    lines(pdf, ["Régis Hautecœur", "Conseiller départemental sortant", "Candidat – canton de Forges-en-Bray",
                "Permanence : 22, Grande Rue, 76440 Forges-en-Bray", "Tél. : 02 35 90 14 62",
                "regis.hautecoeur@example.fr"])
    pdf.ln(10)
    lines(pdf, ["Mme Claudine MORVAN", "Présidente", "Association des Aidants du Pays de Bray",
                "5, rue du Docteur-Lemarchand", "76440 Forges-en-Bray"], x=110)
    pdf.ln(8)
    pdf.set_x(110)
    pdf.cell(0, 5, "Forges-en-Bray, le 11 juin 2028", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Serif", "B", 10)
    pdf.multi_cell(0, 5, "Objet : vos propositions pour les aidants familiaux et les personnes âgées du canton",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    jpara(pdf, "Madame la Présidente, chère Madame Morvan,")
    jpara(pdf, "J'ai lu avec beaucoup d'attention le livre blanc que votre association a remis aux candidats le "
               "mois dernier. Il décrit sans fard ce que vivent les quelque 4 000 aidants de notre canton : un "
               "parent que l'on accompagne chaque soir après sa journée de travail, des nuits hachées, des "
               "démarches qui n'en finissent pas, et le sentiment, trop souvent, d'être seul. Je connais bien "
               "ces situations, pour les avoir rencontrées lors de mes permanences, et parce que ma propre "
               "mère a vécu chez nous les quatre dernières années de sa vie.")
    jpara(pdf, "Je rappelle que le Département est, en matière d'autonomie, la collectivité chef de file : c'est "
               "lui qui verse l'allocation personnalisée d'autonomie (APA), qui autorise et finance les services "
               "d'aide à domicile et qui fixe le prix de journée des établissements. C'est donc à ce titre que "
               "je prends devant vous les engagements suivants, que je porterai si les électeurs du canton me "
               "renouvellent leur confiance les 18 et 25 juin.")
    items = [
        ("Un relais des aidants dans chaque bassin de vie",
         "Aujourd'hui, la seule plateforme de répit du secteur se trouve à Neufchâtel, à 25 minutes de voiture. "
         "Je proposerai la création de deux antennes, à Forges et à Gournay, ouvertes au moins trois jours par "
         "semaine, avec une psychologue et une assistante sociale. Le coût est estimé à 180 000 € par an, dont "
         "la moitié pourrait être prise en charge par la Caisse nationale de solidarité pour l'autonomie."),
        ("L'accueil de jour à tarif réduit",
         "Le reste à charge pour une journée d'accueil de jour dépasse aujourd'hui 30 € dans la plupart des "
         "structures du canton. Je défendrai une aide départementale qui le ramène à 10 € pour les familles "
         "dont les revenus sont modestes, sur le modèle de ce qui existe déjà dans l'Eure."),
        ("Des aides à domicile mieux payées",
         "Les services d'aide et d'accompagnement à domicile ne parviennent plus à recruter : 37 postes sont "
         "vacants sur le canton. Je voterai une revalorisation du tarif de référence départemental d'au moins "
         "2 € de l'heure dès le budget 2029, et la prise en charge des temps de trajet entre deux "
         "interventions."),
        ("Un numéro unique",
         "Les familles ne savent plus à qui s'adresser. Je demanderai qu'un numéro unique, joignable du lundi au "
         "samedi, oriente chaque appel vers le bon service, avec un rappel garanti sous 48 heures."),
        ("Le droit au répit, pour de vrai",
         "Je proposerai que chaque aidant reconnu puisse bénéficier d'au moins 15 jours de relais par an, y "
         "compris en hébergement temporaire, sans que le coût de ce relais ne vienne réduire le montant de "
         "l'APA de la personne aidée."),
    ]
    for t, b in items:
        pdf.set_font("Serif", "", 10)
        pdf.multi_cell(0, 5, "**" + t + "** – " + b, align="J", markdown=True,
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    jpara(pdf, "Vous me demandez également si je soutiendrai le projet de maison d'accueil temporaire porté par "
               "la fondation Saint-Hildevert à Gaillefontaine. Ma réponse est oui, sans réserve. Le dossier a été "
               "déposé le 3 mars 2027 auprès des services du Département et de l'agence régionale de santé ; il "
               "n'a toujours pas reçu de réponse, ce qui n'est pas acceptable pour un projet de cette qualité. Je "
               "m'engage à demander qu'il soit examiné lors de la première commission permanente qui suivra "
               "l'élection.")
    jpara(pdf, "Je ne veux pas vous laisser croire que tout sera possible immédiatement. Les finances du "
               "Département sont contraintes, les droits de mutation ont baissé de près de 20 % en deux ans, et "
               "certaines de ces mesures devront être étalées sur le mandat. Mais aucune d'entre elles n'est "
               "hors de portée, et je préfère m'engager sur cinq points précis que sur de grandes promesses.")
    jpara(pdf, "Je vous propose de faire le point avec votre conseil d'administration une fois par an, à la "
               "date de votre choix, et de rendre public le compte rendu de cette rencontre. Je reste, bien "
               "entendu, joignable à ma permanence le samedi matin, comme depuis six ans.")
    pdf.ln(6)
    lines(pdf, ["Régis Hautecœur", "Conseiller départemental du canton de Forges-en-Bray",
                "Candidat aux élections départementales de juin 2028"], x=110)
    pdf.output(os.path.join(OUT, "fr-p04.pdf"))
    expected("fr-p04", language="fr", author="Régis Hautecœur",
             recipient="Mme Claudine Morvan, Présidente, Association des Aidants du Pays de Bray",
             date="2028-06-11",
             subject="vos propositions pour les aidants familiaux et les personnes âgées du canton",
             salutation="Madame la Présidente, chère Madame Morvan,",
             closing="",
             signature="Régis Hautecœur, Conseiller départemental du canton de Forges-en-Bray, Candidat aux élections départementales de juin 2028",
             sections=[("introduction", ""),
                       ("commitment", "Un relais des aidants dans chaque bassin de vie"),
                       ("commitment", "L'accueil de jour à tarif réduit"),
                       ("commitment", "Des aides à domicile mieux payées"),
                       ("commitment", "Un numéro unique"),
                       ("commitment", "Le droit au répit, pour de vrai"),
                       ("conclusion", "")],
             left_out=["page number footer (Page 1 / 2, Page 2 / 2)"])


# ---------------------------------------------------------------- en-p03.pdf
def en_p03():
    """Side-by-side sender/recipient blocks; closing inside a longer last sentence."""
    pdf = new_pdf()
    two_blocks(pdf,
               ["Tom Ferriday", "Conservative candidate", "Coleford St Briavels division",
                "The Laurels, Bream Road", "Coleford GL16 8NX", "tom.ferriday@example.co.uk"],
               ["Mrs Lorraine Pockett", "Club Secretary", "Coleford Rangers Youth FC",
                "Bells Field Pavilion", "Coleford GL16 8AF"])
    pdf.set_x(118)
    pdf.cell(0, 5, "20th April 2026", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    jpara(pdf, "Dear Lorraine,")
    pdf.set_font("Serif", "B", 10)
    pdf.cell(0, 5, "Pitches, changing rooms and girls' football", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    jpara(pdf, "Thank you for your email and for showing me round Bells Field on Saturday. With 26 teams and "
               "more than 380 players between the ages of 6 and 18, the club is by some distance the biggest "
               "youth organisation in the Forest, and it is remarkable what your volunteers achieve with "
               "changing rooms that were built in 1974.")
    jpara(pdf, "You asked me for clear answers rather than warm words, so here they are.")
    items = [
        ("1.Drainage at Bells Field.",
         "The bottom two pitches were unplayable for 11 weekends last season. If elected, I will ask for the "
         "drainage works (quoted at £68,000) to be included in the county's 2027 playing pitch programme, and "
         "I will put £5,000 of my own councillor's locality budget towards them."),
        ("2.New changing rooms.",
         "There are no separate changing facilities for girls or for referees. I will support the club's bid "
         "to the Football Foundation, and I will press the district council to transfer the pavilion to the "
         "club on a 25-year lease, which the Foundation requires before it will fund anything."),
        ("3.Floodlit training in winter.",
         "I will ask the county to open the 3G pitch at Forest High School to community clubs on weekday "
         "evenings from October to March, at the same hourly rate that schools pay."),
    ]
    for t, b in items:
        pdf.set_font("Serif", "B", 10)
        pdf.multi_cell(0, 5, t, new_x="LMARGIN", new_y="NEXT")
        jpara(pdf, b)
    jpara(pdf, "I should say that I cannot promise the lease on my own: it is a district decision, and the "
               "district is run by a different party. But I will not let the issue drop.")
    jpara(pdf, "Thank you again for the tour, for the cup of tea, and for everything the club does for young "
               "people in Coleford; I look forward to seeing you at the under-12s' final on 9 May and, until "
               "then, remain yours sincerely,", after=10)
    lines(pdf, ["Tom Ferriday"])
    pdf.output(os.path.join(OUT, "en-p03.pdf"))
    expected("en-p03", language="en", author="Tom Ferriday",
             recipient="Mrs Lorraine Pockett, Club Secretary, Coleford Rangers Youth FC",
             date="2026-04-20",
             subject="Pitches, changing rooms and girls' football",
             salutation="Dear Lorraine,",
             closing="Thank you again for the tour, for the cup of tea, and for everything the club does for young people in Coleford; I look forward to seeing you at the under-12s' final on 9 May and, until then, remain yours sincerely,",
             signature="Tom Ferriday",
             sections=[("introduction", ""),
                       ("commitment", "Drainage at Bells Field."),
                       ("commitment", "New changing rooms."),
                       ("commitment", "Floodlit training in winter."),
                       ("conclusion", "")],
             left_out=[])


# ---------------------------------------------------------------- en-p04.pdf
def en_p04():
    """Long two-page letter with footer; 'Background' heading; signature, no closing."""
    pdf = new_pdf(footer="{p} of {nb}")
    lines(pdf, ["Dr Imogen Whitlock-Sesay", "Independent Parliamentary Candidate, Saltmarsh & Fenby",
                "Campaign office: 31 Quay Street, Fenby, Lincolnshire PE22 4TW",
                "Telephone 01205 900 417  |  imogen@whitlock-sesay.example.com"])
    pdf.ln(10)
    lines(pdf, ["Ms Precious Adeyemi-Ward", "Director", "Fenland Recovery Alliance",
                "Unit 9, Witham Business Park", "Boston PE21 7QX"])
    pdf.ln(6)
    lines(pdf, ["Monday, 8 June 2026"])
    pdf.ln(6)
    jpara(pdf, "Dear Ms Adeyemi-Ward,")
    pdf.set_font("Serif", "B", 10)
    pdf.multi_cell(0, 5, "Re: Drug and alcohol treatment, mental health and recovery housing — reply to the "
                         "Alliance's candidate briefing", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    jpara(pdf, "Thank you for the Alliance's briefing, which reached me on 27 May, and for the frank "
               "conversation with your peer mentors in Boston last week. I have tried to reply in the same "
               "spirit: to say plainly what a Member of Parliament can and cannot do, and then to say what I "
               "will do.")
    pdf.set_font("Serif", "B", 11)
    pdf.cell(0, 7, "Background", new_x="LMARGIN", new_y="NEXT")
    jpara(pdf, "Your briefing sets out that drug-related deaths in the constituency have more than doubled "
               "since 2015, that the waiting time for a first appointment with community mental health "
               "services is now 19 weeks, and that people leaving residential rehabilitation are routinely "
               "discharged into the same hostels, and sometimes the same streets, where their problems began. "
               "You also point out that treatment services were re-tendered three times in nine years, each "
               "time on a shorter contract, and that staff turnover in some teams is above 40% a year.")
    jpara(pdf, "None of this will come as a surprise to anyone who has tried to get help in this part of "
               "Lincolnshire. Much of it is decided in Whitehall, through the public health grant and NHS "
               "allocations; some of it is decided by the County Council and the integrated care board. An "
               "independent MP has no party whip to bargain with, but she does have a vote on every budget, a "
               "voice on select committees and the ability to make a great deal of noise.")
    pdf.set_font("Serif", "B", 11)
    pdf.cell(0, 7, "What I will do", new_x="LMARGIN", new_y="NEXT")
    items = [
        ("1. Longer, steadier contracts",
         "I will table amendments, and support any others, to require local authorities to commission drug "
         "and alcohol services on contracts of at least seven years, so that teams are not dismantled and "
         "rebuilt every time a contract ends."),
        ("2. Recovery housing",
         "I will press the government to fund at least 40 places of dedicated recovery housing in Lincolnshire, "
         "and I will ask the district councils to treat people leaving rehabilitation as a priority group "
         "for social housing."),
        ("3. Naloxone everywhere it is needed",
         "I will campaign for naloxone to be carried by police officers, hostel staff and outreach workers "
         "across the county, and for pharmacies to supply it free without a referral."),
        ("4. A fair share for coastal and rural areas",
         "Funding formulas still treat a 40-minute bus journey to an appointment as if it were a short walk. "
         "I will raise this at the first Health and Social Care questions after the election, and I will "
         "keep raising it until the formula changes."),
        ("5. Listening to people with lived experience",
         "I will hold a constituency surgery every quarter at the Alliance's Boston hub, and I will employ "
         "at least one caseworker with lived experience of addiction in my constituency office."),
    ]
    for t, b in items:
        pdf.set_font("Serif", "B", 10)
        pdf.multi_cell(0, 5, t, new_x="LMARGIN", new_y="NEXT")
        jpara(pdf, b)
    jpara(pdf, "There are two things in your briefing I do not support, and I would rather say so now. I am "
               "not persuaded that a supervised drug consumption room in Boston is the right first step, "
               "although I am not opposed to one in principle and would want to see the evidence from Glasgow "
               "before reaching a view. And I do not think it would be honest to promise a specific number of "
               "new mental health nurses, since I have no control over NHS workforce planning.")
    jpara(pdf, "I know that many of the people you work with have been let down by politicians before, "
               "including by candidates who sat where I sit now and said many of the same things. If I am "
               "elected on 2 July, I will report back to the Alliance in writing every six months, and you "
               "are welcome to publish those reports and to hold me to them.")
    pdf.ln(8)
    lines(pdf, ["Dr Imogen Whitlock-Sesay", "Independent candidate for Saltmarsh & Fenby"])
    pdf.ln(4)
    pdf.set_font("Serif", "I", 8)
    pdf.multi_cell(0, 4, "Promoted by J. Harrowby on behalf of Imogen Whitlock-Sesay, both of 31 Quay Street, "
                         "Fenby PE22 4TW.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(os.path.join(OUT, "en-p04.pdf"))
    expected("en-p04", language="en", author="Dr Imogen Whitlock-Sesay",
             recipient="Ms Precious Adeyemi-Ward, Director, Fenland Recovery Alliance",
             date="2026-06-08",
             subject="Drug and alcohol treatment, mental health and recovery housing — reply to the Alliance's candidate briefing",
             salutation="Dear Ms Adeyemi-Ward,",
             closing="",
             signature="Dr Imogen Whitlock-Sesay, Independent candidate for Saltmarsh & Fenby",
             sections=[("introduction", ""),
                       ("paragraph", "Background"),
                       ("commitment", "Longer, steadier contracts"),
                       ("commitment", "Recovery housing"),
                       ("commitment", "Naloxone everywhere it is needed"),
                       ("commitment", "A fair share for coastal and rural areas"),
                       ("commitment", "Listening to people with lived experience"),
                       ("conclusion", "")],
             left_out=["page number footer (1 of 2, 2 of 2)", "election imprint (Promoted by …)"])


# ---------------------------------------------------------------- EML helpers
def write_eml(name, frm, to, date, subject, text, html=None, extra_headers=None):
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = frm
    msg["To"] = to
    msg["Date"] = date
    msg["Subject"] = subject
    msg["Message-ID"] = "<%s.%s@mail.example.net>" % (name.replace("-", ""), zlib.crc32(subject.encode()) % 10**8)
    for k, v in (extra_headers or []):
        msg[k] = v
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if html is not None:
        msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # MIME-Version is added by set_content
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(msg.as_bytes())


# ---------------------------------------------------------------- fr-p05.eml
def fr_p05():
    text = """Bonjour Madame Chevalier,

Merci pour votre message et pour l'invitation au café-débat du collectif. Voici nos réponses, point par point ; nous avons préféré être précis plutôt que de vous promettre la lune.

Si notre liste est élue les 15 et 22 mars, nous nous engageons à :

1. Créer un poste de coordinatrice « bien vieillir » à la mairie (un temps plein), chargée notamment du repérage des personnes isolées, en lien avec le CCAS.
2. Rouvrir le foyer-restaurant de la rue Pasteur, fermé depuis la crise sanitaire, avec des repas à 6,50 € servis cinq midis par semaine.
3. Mettre en place une navette gratuite deux fois par semaine vers le marché et la maison de santé, pour les habitants des hameaux.
4. Lancer avec vous un « living lab » seniors : un groupe d'une vingtaine d'habitants de plus de 70 ans qui testeront les aménagements (bancs, toilettes publiques, éclairage) avant leur installation.

Nous ne nous engageons pas, en revanche, sur la construction d'une résidence autonomie : le projet coûterait au moins 4 millions d'euros et il n'est pas réaliste pour une commune de 3 800 habitants sans un partenaire bailleur, que nous chercherons.

Vous trouverez notre programme complet ici : https://sarlanges-en-commun.example.fr/programme

Nous serons présents au café-débat du 7 mars.

Cordialement,

Léa Dumont-Villiers
Tête de liste « Sarlanges en commun »
06 58 33 71 20

Le 2 mars 2026 à 18:42, Collectif Bien Vieillir à Sarlanges <contact@bienvieillir-sarlanges.example.org> a écrit :
> Madame, Monsieur,
>
> Le collectif Bien Vieillir à Sarlanges adresse à toutes les listes candidates les quatre questions suivantes :
> 1) Que ferez-vous contre l'isolement des personnes âgées ?
> 2) Le foyer-restaurant de la rue Pasteur rouvrira-t-il ?
> 3) Comment les habitants des hameaux pourront-ils se déplacer ?
> 4) Êtes-vous favorables à une résidence autonomie ?
>
> Nous publierons vos réponses avant le premier tour et vous invitons à notre café-débat le samedi 7 mars à 15 h, salle des Tilleuls.
>
> Bien cordialement,
> Anne-Sophie Chevalier, pour le collectif
"""
    html = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"></head>
<body style="font-family: Arial, sans-serif; font-size: 14px">
<p>Bonjour Madame Chevalier,</p>
<p>Merci pour votre message et pour l'invitation au café-débat du collectif. Voici nos réponses, point par point ; nous avons préféré être précis plutôt que de vous promettre la lune.</p>
<p>Si notre liste est élue les 15 et 22 mars, nous nous engageons à :</p>
<ol>
<li><b>Créer un poste de coordinatrice « bien vieillir »</b> à la mairie (un temps plein), chargée notamment du repérage des personnes isolées, en lien avec le CCAS.</li>
<li><b>Rouvrir le foyer-restaurant de la rue Pasteur</b>, fermé depuis la crise sanitaire, avec des repas à 6,50&nbsp;€ servis cinq midis par semaine.</li>
<li><b>Mettre en place une navette gratuite</b> deux fois par semaine vers le marché et la maison de santé, pour les habitants des hameaux.</li>
<li><b>Lancer avec vous un «&nbsp;<span lang="en">living lab</span>&nbsp;» seniors</b> : un groupe d'une vingtaine d'habitants de plus de 70 ans qui testeront les aménagements (bancs, toilettes publiques, éclairage) avant leur installation.</li>
</ol>
<p>Nous ne nous engageons pas, en revanche, sur la construction d'une résidence autonomie : le projet coûterait au moins 4 millions d'euros et il n'est pas réaliste pour une commune de 3&nbsp;800 habitants sans un partenaire bailleur, que nous chercherons.</p>
<p>Vous trouverez notre programme complet <a href="https://sarlanges-en-commun.example.fr/programme">sur notre site</a>.</p>
<p>Nous serons présents au café-débat du 7 mars.</p>
<p>Cordialement,</p>
<p>Léa Dumont-Villiers<br>Tête de liste « Sarlanges en commun »<br>06 58 33 71 20</p>
<div class="gmail_quote">
<div>Le 2 mars 2026 à 18:42, Collectif Bien Vieillir à Sarlanges &lt;contact@bienvieillir-sarlanges.example.org&gt; a écrit :</div>
<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">
<p>Madame, Monsieur,</p>
<p>Le collectif Bien Vieillir à Sarlanges adresse à toutes les listes candidates les quatre questions suivantes :<br>
1) Que ferez-vous contre l'isolement des personnes âgées ?<br>
2) Le foyer-restaurant de la rue Pasteur rouvrira-t-il ?<br>
3) Comment les habitants des hameaux pourront-ils se déplacer ?<br>
4) Êtes-vous favorables à une résidence autonomie ?</p>
<p>Nous publierons vos réponses avant le premier tour et vous invitons à notre café-débat le samedi 7 mars à 15 h, salle des Tilleuls.</p>
<p>Bien cordialement,<br>Anne-Sophie Chevalier, pour le collectif</p>
</blockquote></div>
</body></html>
"""
    write_eml("fr-p05",
              str(Address("Léa Dumont-Villiers", "lea.dumont", "example.fr")),
              str(Address("Collectif Bien Vieillir à Sarlanges", "contact", "bienvieillir-sarlanges.example.org")),
              "Wed, 04 Mar 2026 09:17:52 +0100",
              "Re: Municipales 2026 – nos questions aux listes candidates",
              text, html, extra_headers=[("In-Reply-To", "<bv-sarlanges-0302@example.org>")])
    expected("fr-p05", language="fr", author="Léa Dumont-Villiers",
             recipient="Collectif Bien Vieillir à Sarlanges (Madame Chevalier)",
             date="2026-03-04",
             subject="Re: Municipales 2026 – nos questions aux listes candidates",
             salutation="Bonjour Madame Chevalier,",
             closing="Cordialement,",
             signature="Léa Dumont-Villiers, Tête de liste « Sarlanges en commun », 06 58 33 71 20",
             sections=[("introduction", ""),
                       ("commitment", "Créer un poste de coordinatrice « bien vieillir »"),
                       ("commitment", "Rouvrir le foyer-restaurant de la rue Pasteur"),
                       ("commitment", "Mettre en place une navette gratuite"),
                       ("commitment", "Lancer avec vous un « living lab » seniors"),
                       ("conclusion", "")],
             left_out=["quoted reply (message of 2 March 2026 from the collectif)",
                       "duplicate HTML alternative part"])


# ---------------------------------------------------------------- fr-p06.eml
def fr_p06():
    """text/plain only; Votre question / Notre réponse; 'Bien à vous,' then '-- ' signature."""
    text = """Madame, Monsieur les membres du bureau,

Vous trouverez ci-dessous les réponses de notre liste au questionnaire que l'association Corbières Culture Vivante nous a envoyé le 20 février. Pour faciliter votre travail de synthèse, nous avons repris vos questions telles quelles.

Votre question : Quel budget consacrerez-vous à la culture ?
Notre réponse : Le budget culturel de la commune (hors personnel) est aujourd'hui de 41 000 EUR. Nous le porterons à 60 000 EUR dès 2027, et nous ne le baisserons pas pendant le mandat. Une part de 10 000 EUR sera réservée chaque année à un appel à projets ouvert aux associations.

Votre question : Que deviendra la médiathèque ?
Notre réponse : Nous élargirons ses horaires : ouverture le mercredi toute la journée et le samedi jusqu'à 18 h, au lieu de 12 h aujourd'hui. Nous ne sommes pas favorables au projet de transfert dans les locaux de l'ancienne poste, qui sont trop petits et inaccessibles aux fauteuils.

Votre question : Soutiendrez-vous le festival « Vendanges Sonores » ?
Notre réponse : Oui. Nous maintiendrons la subvention de 8 000 EUR et nous mettrons gratuitement à disposition le parc du château, les services techniques et les barrières, comme le demande le comité d'organisation depuis 2023. Nous ne pouvons pas promettre davantage avant d'avoir vu le bilan financier de l'édition 2025.

Votre question : Les artistes locaux auront-ils un lieu pour travailler ?
Notre réponse : Nous étudierons la transformation de l'ancienne cave coopérative en ateliers partagés. Il n'est pas exclu que ce projet aboutisse dans le mandat, mais le bâtiment appartient encore pour moitié à la coopérative de Lézignan et rien ne se fera sans son accord.

Nous restons à votre disposition pour en parler de vive voix, par exemple lors de votre assemblée du 13 mars.

Bien à vous,

-- 
Mathieu Garnier
Tête de liste « Ensemble pour Corbières-Vallon »
06 44 18 52 97 | https://ensemble-corbieres-vallon.example.fr
Envoyé depuis mon téléphone — merci d'excuser les éventuelles fautes de frappe
"""
    write_eml("fr-p06",
              str(Address("Mathieu Garnier", "mathieu.garnier", "example.fr")),
              str(Address("Corbières Culture Vivante", "bureau", "corbieres-culture.example.org")),
              "Tue, 10 Mar 2026 21:14:05 +0100",
              "Réponses de la liste Ensemble pour Corbières-Vallon à votre questionnaire",
              text)
    expected("fr-p06", language="fr", author="Mathieu Garnier",
             recipient="Les membres du bureau de l'association Corbières Culture Vivante",
             date="2026-03-10",
             subject="Réponses de la liste Ensemble pour Corbières-Vallon à votre questionnaire",
             salutation="Madame, Monsieur les membres du bureau,",
             closing="Bien à vous,",
             signature="Mathieu Garnier, Tête de liste « Ensemble pour Corbières-Vallon »",
             sections=[("introduction", ""),
                       ("question", "Quel budget consacrerez-vous à la culture ?"),
                       ("question", "Que deviendra la médiathèque ?"),
                       ("question", "Soutiendrez-vous le festival « Vendanges Sonores » ?"),
                       ("question", "Les artistes locaux auront-ils un lieu pour travailler ?"),
                       ("conclusion", "")],
             left_out=["'Envoyé depuis mon téléphone' line and contact details in the e-mail signature"])


# ---------------------------------------------------------------- en-p05.eml
def en_p05():
    """multipart/alternative; Q: / A: labels; 'Kind regards,'; quoted 'On … wrote:'."""
    text = """Dear Mr Oduya,

Thank you for sending Generation Rent Wexley's questions. My answers are below. I have kept them short, but I'm happy to go into more detail at the renters' hustings.

Q: Will you support a licensing scheme for all private landlords in Wexley?
A: Yes. If I am elected, I will vote for a borough-wide selective licensing scheme, subject to the consultation the law requires. The current scheme covers only 3 of the borough's 17 wards.

Q: What will you do about damp and mould in privately rented homes?
A: I will push for the council's private sector housing team to be increased from 6 to 10 officers, funded from licence fees, and I will ask for:
- a published target of inspecting every serious complaint within 10 working days;
- routine prosecution of landlords who ignore improvement notices.

Q: Will you back a cap on rent increases?
A: Rent controls are a matter for Parliament, not the council, so I can't honestly promise one. I will, however, support the council writing to the government to ask for the power to introduce them locally.

Q: What help will there be for renters facing eviction?
A: I will argue for the council's tenancy relations service, which was cut in 2024, to be restored with at least two full-time officers.

Kind regards,

Siobhan McAteer
Labour candidate, Wexley Green ward
07700 900 286

On Fri, 10 Apr 2026 at 16:05, Generation Rent Wexley <info@genrent-wexley.example.org> wrote:
> Dear candidate,
>
> Generation Rent Wexley is asking every candidate in the 7 May elections the four questions below. We will publish all replies on 24 April.
>
> Best wishes,
> Daniel Oduya
> Co-ordinator
"""
    html = """<html><head><meta charset="utf-8"></head><body>
<div dir="ltr">
<p>Dear Mr Oduya,</p>
<p>Thank you for sending Generation Rent Wexley's questions. My answers are below. I have kept them short, but I'm happy to go into more detail at the <a href="https://genrent-wexley.example.org/hustings">renters' hustings</a>.</p>
<p><b>Q: Will you support a licensing scheme for all private landlords in Wexley?</b><br>
A: Yes. If I am elected, I will vote for a borough-wide selective licensing scheme, subject to the consultation the law requires. The current scheme covers only 3 of the borough's 17 wards.</p>
<p><b>Q: What will you do about damp and mould in privately rented homes?</b><br>
A: I will push for the council's private sector housing team to be increased from 6 to 10 officers, funded from licence fees, and I will ask for:</p>
<ul>
<li>a published target of inspecting every serious complaint within 10 working days;</li>
<li>routine prosecution of landlords who ignore improvement notices.</li>
</ul>
<p><b>Q: Will you back a cap on rent increases?</b><br>
A: Rent controls are a matter for Parliament, not the council, so I can't honestly promise one. I will, however, support the council writing to the government to ask for the power to introduce them locally.</p>
<p><b>Q: What help will there be for renters facing eviction?</b><br>
A: I will argue for the council's tenancy relations service, which was cut in 2024, to be restored with at least two full-time officers.</p>
<p>Kind regards,</p>
<p>Siobhan McAteer<br>Labour candidate, Wexley Green ward<br>07700 900 286</p>
</div>
<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Fri, 10 Apr 2026 at 16:05, Generation Rent Wexley &lt;<a href="mailto:info@genrent-wexley.example.org">info@genrent-wexley.example.org</a>&gt; wrote:<br></div>
<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">
<p>Dear candidate,</p>
<p>Generation Rent Wexley is asking every candidate in the 7 May elections the four questions below. We will publish all replies on 24 April.</p>
<p>Best wishes,<br>Daniel Oduya<br>Co-ordinator</p>
</blockquote></div>
</body></html>
"""
    write_eml("en-p05",
              str(Address("Siobhan McAteer", "siobhan.mcateer", "example.co.uk")),
              str(Address("Generation Rent Wexley", "info", "genrent-wexley.example.org")),
              "Tue, 14 Apr 2026 22:48:11 +0100",
              "Re: Your questions for Wexley Green candidates",
              text, html)
    expected("en-p05", language="en", author="Siobhan McAteer",
             recipient="Generation Rent Wexley (Mr Oduya)",
             date="2026-04-14",
             subject="Re: Your questions for Wexley Green candidates",
             salutation="Dear Mr Oduya,",
             closing="Kind regards,",
             signature="Siobhan McAteer, Labour candidate, Wexley Green ward, 07700 900 286",
             sections=[("introduction", ""),
                       ("question", "Will you support a licensing scheme for all private landlords in Wexley?"),
                       ("question", "What will you do about damp and mould in privately rented homes?"),
                       ("question", "Will you back a cap on rent increases?"),
                       ("question", "What help will there be for renters facing eviction?")],
             left_out=["quoted reply (message of 10 April 2026 from Generation Rent Wexley)",
                       "duplicate HTML alternative part"])


# ---------------------------------------------------------------- en-p06.eml
def en_p06():
    """multipart/alternative; bullets with no blank lines; '-- ' signature separator."""
    text = """Hi Jo,

Thanks for the survey from Bike Hallamford, and sorry this is a day late - we wanted every candidate on our slate to see it first.

Here's what we'll do if we win a majority on Hallamford City Council on 7 May:
- Protected lanes on the A61 corridor: a fully segregated route from the station to the Northern General, in the first two years.
- Bike hangars on request: 50 hangars a year on terraced streets, at no more than £60 a year per space.
- School Streets by default: every primary school on a residential street offered a School Street by 2028.
- A cycling budget we can be held to: at least 10% of the transport capital budget, published every year.
We'd also like to trial a 20-minute-neighbourhood plan in Crookesley, but honestly that one depends on the combined authority and we can't promise it.

The one thing we won't do is remove the bus lane on Abbeydale Road to make room for a cycle lane - the buses there carry 9,000 people a day and they need it more.

Best,

-- 
Rhiannon Okafor-Lynch
Hallamford Green Party - Transport spokesperson
rhiannon.ol@example.org | 0114 496 0732
"""
    html = """<html><head><meta charset="utf-8"></head><body>
<p>Hi Jo,</p>
<p>Thanks for the survey from Bike Hallamford, and sorry this is a day late &ndash; we wanted every candidate on our slate to see it first.</p>
<p>Here's what we'll do if we win a majority on Hallamford City Council on 7 May:</p>
<ul>
<li><b>Protected lanes on the A61 corridor:</b> a fully segregated route from the station to the Northern General, in the first two years.</li>
<li><b>Bike hangars on request:</b> 50 hangars a year on terraced streets, at no more than &pound;60 a year per space.</li>
<li><b>School Streets by default:</b> every primary school on a residential street offered a School Street by 2028.</li>
<li><b>A cycling budget we can be held to:</b> at least 10% of the transport capital budget, published every year.</li>
</ul>
<p>We'd also like to trial a 20-minute-neighbourhood plan in Crookesley, but honestly that one depends on the combined authority and we can't promise it.</p>
<p>The one thing we won't do is remove the bus lane on Abbeydale Road to make room for a cycle lane &ndash; the buses there carry 9,000 people a day and they need it more.</p>
<p>Best,</p>
<p>-- <br>Rhiannon Okafor-Lynch<br>Hallamford Green Party &ndash; Transport spokesperson<br>
<a href="mailto:rhiannon.ol@example.org">rhiannon.ol@example.org</a> | 0114 496 0732</p>
</body></html>
"""
    write_eml("en-p06",
              str(Address("Rhiannon Okafor-Lynch", "rhiannon.ol", "example.org")),
              str(Address("Jo Penhaligon", "jo", "bikehallamford.example.org")),
              "Thu, 16 Apr 2026 08:02:40 +0100",
              "Bike Hallamford candidate survey - Green Party answers",
              text, html)
    expected("en-p06", language="en", author="Rhiannon Okafor-Lynch",
             recipient="Jo Penhaligon, Bike Hallamford",
             date="2026-04-16",
             subject="Bike Hallamford candidate survey - Green Party answers",
             salutation="Hi Jo,",
             closing="Best,",
             signature="Rhiannon Okafor-Lynch, Hallamford Green Party - Transport spokesperson",
             sections=[("introduction", ""),
                       ("commitment", "Protected lanes on the A61 corridor"),
                       ("commitment", "Bike hangars on request"),
                       ("commitment", "School Streets by default"),
                       ("commitment", "A cycling budget we can be held to"),
                       ("conclusion", "")],
             left_out=["contact line in the e-mail signature", "duplicate HTML alternative part"])


# ---------------------------------------------------------------- plain text / markdown
FR_P07 = """Karim Benslimane
Candidat aux élections municipales de Castelnau-Lauragais
Liste "Castelnau, c'est nous"
9 chemin de la Pradelle
11400 Castelnau-Lauragais
karim.benslimane@example.fr
06.31.72.08.44

                                   Castelnau-Lauragais, le 6 mars 2026

                                   Madame Josiane Peyrelongue
                                   Présidente de l'association
                                   Prévention Jeunesse du Lauragais (APJL)
                                   Espace Riquet, 2 rue du Canal
                                   11400 Castelnau-Lauragais

Objet : prévention des conduites addictives chez les jeunes

Madame la Présidente,

Votre association m'a fait l'honneur de m'inviter, le 19 février dernier, à la soirée d'échange organisée avec les éducateurs du point accueil écoute jeunes (PAEJ). J'en suis ressorti avec la conviction que la commune peut faire beaucoup plus qu'elle ne le fait aujourd'hui, et sans attendre des moyens qu'elle n'a pas.

Voici mes propositions.

1.Des actions de prévention dans les deux collèges
Je financerai, à hauteur de 12 000 euros par an, des interventions de l'APJL dans chaque classe de 4e et de 3e des collèges Paul-Riquet et Les Cèdres, en accord avec les principaux et le Département.

2.Un lieu pour les 15-25 ans ouvert le vendredi
  et le samedi soir
L'ancienne salle du club de pétanque sera rénovée et confiée à un animateur diplômé, recruté par la commune, avec des permanences de vos éducateurs deux soirs par mois.

3.Des fêtes de village plus sûres
Aucune subvention ne sera versée au comité des fêtes sans un plan de prévention signé : eau gratuite, éthylotests, navette de retour pour les hameaux après minuit.

4.Former les élus et les agents
Tous les élus de la majorité et les agents d'animation suivront une formation d'une journée au repérage des conduites à risque, au cours de la première année du mandat.

Je n'ignore pas que certains de mes adversaires jugent ces mesures insuffisantes, et d'autres trop coûteuses ; je les crois, pour ma part, à la fois réalistes et utiles.

Restant à votre entière disposition pour en parler lors de votre assemblée générale du 28 mars, je vous prie de recevoir, Madame la Présidente, mes salutations les plus cordiales.

Karim Benslimane

P.S. : Le dépliant de notre liste sera distribué à partir du 9 mars ; je vous en ferai déposer une dizaine d'exemplaires à l'Espace Riquet.
"""

FR_P08 = """# Réponse de la liste « Bouger Lormes-en-Vexin » au questionnaire de l'association Vélo Vexin

*Lormes-en-Vexin, le 26 février 2026*

À l'association Vélo Vexin, 4 rue de la Gare, 27150 Lormes-en-Vexin

Vous nous avez demandé, comme à toutes les listes, de répondre à votre questionnaire « Municipales 2026 : et le vélo ? ». Nous le faisons ici sous la forme que vous avez suggérée : des engagements courts, chiffrés, que vous pourrez vérifier.

## Nos engagements

- **Une liaison cyclable Lormes – Gisors** : nous réaliserons avec la communauté de communes la voie verte de 6,5 km le long de l'ancienne voie ferrée, d'ici 2029.
- **Des double-sens cyclables** : toutes les rues à sens unique du centre-bourg seront ouvertes aux vélos dans les deux sens dès 2026, sauf la rue Saint-Ouen, trop étroite.
- **Du stationnement vélo** : 120 places nouvelles, dont 40 couvertes à la gare.
- **Le vélo à l'école** : le savoir rouler à vélo (SRAV) sera proposé à tous les élèves de CM1 et CM2.
- **Un budget dédié** : au moins 15 € par habitant et par an[^1].

## Ce que cela coûtera

| Mesure | Coût pour la commune | Financements attendus |
|---|---|---|
| Voie verte Lormes – Gisors | 420 000 € | Région, Département, fonds vert |
| Double-sens cyclables | 18 000 € | – |
| Stationnement vélo | 36 000 € | Programme Alvéole Plus |
| SRAV | 4 000 € par an | – |

Ces montants sont des estimations ; si les financements attendus n'étaient pas au rendez-vous, nous n'abandonnerions pas la voie verte, mais nous pourrions en décaler la seconde tranche.

Nous participerons bien volontiers à la balade-débat du 8 mars.

Salutations cyclistes,

Anaïs Bertrand-Koffi
pour la liste « Bouger Lormes-en-Vexin »

[^1]: Soit environ 52 000 € par an pour nos 3 470 habitants (recensement 2022), hors subventions.
"""

EN_P07 = """Gareth Ellison-Moyo
Candidate for Dunmere Parish Council (Independent)
4 Stonecrop Cottages, Dunmere, Cornwall PL30 5HB
gareth.em@example.co.uk / 01208 555 190

Friends of the Whitcombe Road Day Centre
c/o Mrs Pauline Tregear, Secretary
Whitcombe Road
Dunmere PL30 5DE

27 March 2026

Thank you for your letter about the day centre, which I know has been a lifeline for many families in the parish, including my neighbour's. I have set out below what I would do if elected, numbered to match your own questions.

1. Keeping the Whitcombe Road day centre open and extending its
   opening hours to Saturdays

The centre is run by Cornwall Council, not the parish, but the parish owns the car park and the garden. I will propose that the parish offers both rent-free for ten years as part of any deal to keep the centre open, and I will support the Friends' request for a Saturday pilot from September.

2. Transport for people who can no longer drive or use
   the bus on their own

I will ask the parish council to put £4,000 a year towards the Dunmere Community Car Scheme, so that it can take people to and from the centre on the days when the council minibus does not run.

3. A say for the people who use the centre

I will suggest that the parish council invites a member of the Friends and a person who uses the centre to speak at the start of every meeting where the centre is discussed.

I won't pretend that a parish councillor can overrule Cornwall Council. But I will turn up, I will ask the questions, and I will tell you what the answers were.

Best wishes,

Gareth Ellison-Moyo
"""

EN_P08 = """Jasmine Kaur-Fletcher
Liberal Democrat candidate, Penbury North
27 Hollins Drive, Penbury, Lancashire BB7 3LU
jasmine.kf@example.org.uk

Ms Fiona MACLEAN-ROSS
Chief Executive
Penbury Leisure Trust
Penbury Pool & Fitness Centre
Victoria Street
Penbury BB7 1AA

30 April 2026

Dear Ms Maclean-Ross,

Your letter to candidates – the future of Penbury Pool

When the Trust took over the pool on 1 October 2019, it was losing £210,000 a year and there was serious talk of closing it. Six years on, it has more than 4,000 members, the learn-to-swim programme has a waiting list, and the loss has been cut by more than half. That is a real achievement, and I want to start by saying so.

You asked what each candidate would do to secure the pool's future. My answers:

A ten-year funding agreement – I will push for the council's annual payment to the Trust (£95,000 this year) to be fixed for ten years and linked to inflation, instead of being renegotiated every April.

Free swimming for under-16s in the holidays – I will propose that the council pays for free sessions in the school holidays, costed by the Trust at £28,000 a year.

Energy costs – I will support the Trust's bid for the Swimming Pool Support Fund to install solar panels and a heat pump, and I will ask the council to guarantee the loan if the bid is successful.

Transport – I will ask the county to restore the evening service on the 152 bus, which stopped in 2024 and which many older swimmers relied on.

I have not costed everything to the last pound, and I may not win every one of these arguments. But I will not vote for any budget that cuts the Trust's grant.

Yours,

Jasmine Kaur-Fletcher
"""


def write_text(name, text):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(text)


def plain():
    write_text("fr-p07.txt", FR_P07)
    expected("fr-p07", language="fr", author="Karim Benslimane",
             recipient="Madame Josiane Peyrelongue, Présidente de l'association Prévention Jeunesse du Lauragais (APJL)",
             date="2026-03-06",
             subject="prévention des conduites addictives chez les jeunes",
             salutation="Madame la Présidente,",
             closing="Restant à votre entière disposition pour en parler lors de votre assemblée générale du 28 mars, je vous prie de recevoir, Madame la Présidente, mes salutations les plus cordiales.",
             signature="Karim Benslimane",
             sections=[("introduction", ""),
                       ("commitment", "Des actions de prévention dans les deux collèges"),
                       ("commitment", "Un lieu pour les 15-25 ans ouvert le vendredi et le samedi soir"),
                       ("commitment", "Des fêtes de village plus sûres"),
                       ("commitment", "Former les élus et les agents"),
                       ("conclusion", ""),
                       ("appendix", "P.S.")],
             left_out=[])
    write_text("fr-p08.md", FR_P08)
    expected("fr-p08", language="fr", author="Anaïs Bertrand-Koffi",
             recipient="Association Vélo Vexin",
             date="2026-02-26",
             subject="Réponse de la liste « Bouger Lormes-en-Vexin » au questionnaire de l'association Vélo Vexin",
             salutation="",
             closing="Salutations cyclistes,",
             signature="Anaïs Bertrand-Koffi, pour la liste « Bouger Lormes-en-Vexin »",
             sections=[("introduction", ""),
                       ("commitment", "Une liaison cyclable Lormes – Gisors"),
                       ("commitment", "Des double-sens cyclables"),
                       ("commitment", "Du stationnement vélo"),
                       ("commitment", "Le vélo à l'école"),
                       ("commitment", "Un budget dédié"),
                       ("paragraph", "Ce que cela coûtera"),
                       ("conclusion", "")],
             left_out=["Markdown markup (#, **, |, [^1])"])
    write_text("en-p07.txt", EN_P07)
    expected("en-p07", language="en", author="Gareth Ellison-Moyo",
             recipient="Friends of the Whitcombe Road Day Centre, c/o Mrs Pauline Tregear, Secretary",
             date="2026-03-27",
             subject="",
             salutation="",
             closing="Best wishes,",
             signature="Gareth Ellison-Moyo",
             sections=[("introduction", ""),
                       ("commitment", "Keeping the Whitcombe Road day centre open and extending its opening hours to Saturdays"),
                       ("commitment", "Transport for people who can no longer drive or use the bus on their own"),
                       ("commitment", "A say for the people who use the centre"),
                       ("conclusion", "")],
             left_out=[])
    write_text("en-p08.txt", EN_P08)
    expected("en-p08", language="en", author="Jasmine Kaur-Fletcher",
             recipient="Ms Fiona Maclean-Ross, Chief Executive, Penbury Leisure Trust",
             date="2026-04-30",
             subject="Your letter to candidates – the future of Penbury Pool",
             salutation="Dear Ms Maclean-Ross,",
             closing="Yours,",
             signature="Jasmine Kaur-Fletcher",
             sections=[("introduction", ""),
                       ("commitment", "A ten-year funding agreement"),
                       ("commitment", "Free swimming for under-16s in the holidays"),
                       ("commitment", "Energy costs"),
                       ("commitment", "Transport"),
                       ("conclusion", "")],
             left_out=[])


if __name__ == "__main__":
    for fn in (fr_p01, fr_p02, en_p01, en_p02, fr_p03, fr_p04, en_p03, en_p04,
               fr_p05, fr_p06, en_p05, en_p06, plain):
        fn()
    print("done")
