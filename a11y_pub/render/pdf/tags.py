"""A thin tagging layer over fpdf2's structure-tree internals (PDF/UA-1).

fpdf2 2.8 writes a structure tree only for images (``/Figure``) and links,
all flat under one ``/Document`` element. A large-print letter needs headings,
paragraphs and lists: ``Document > H1, H2, P, L > LI > Lbl, LBody``. This
module replaces the document's ``struct_builder`` with ``StructureTree``,
which nests elements, gives each element one marked-content identifier
(MCID) per page fragment, and keeps the page's parent tree in MCID order.

Usage::

    tags = Tagger(pdf)                     # before the first add_page()
    heading = tags.element("H1")
    with tags.marked(heading):             # BDC /H1 <</MCID n>> ... EMC
        pdf.text(x, y, "Title")
    with tags.artifact("Footer"):          # page numbers, backgrounds
        ...

A marked sequence must stay on one page: the renderer closes it before a page
break and opens a new one (a new MCID for the same element) on the next page.
``Tagger.marked`` raises ``RenderError`` if a page break happens inside it.

This module relies on fpdf2 internals (``FPDF.struct_builder``,
``FPDF._out``, ``StructElem``, ``NumberTree``, ``PDFPage.struct_parents``),
so it supports only the fpdf2 versions it was tested against:
``SUPPORTED_FPDF``. ``check_fpdf_version`` refuses others.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import fpdf
from fpdf import FPDF
from fpdf.actions import URIAction
from fpdf.annotations import PDFAnnotation
from fpdf.outline import OutlineSection
from fpdf.structure_tree import NumberTree, StructElem, StructureTreeBuilder
from fpdf.syntax import DestinationXYZ, PDFArray, PDFObject, PDFString

from ...errors import RenderError
from .metadata import xmp_metadata

#: fpdf2 versions this layer was written and tested against: [low, high).
SUPPORTED_FPDF = ((2, 8, 4), (2, 9, 0))

#: Structure types this layer emits (PDF 1.7 standard structure types, ISO 32000-1 §14.8.4).
ROLES = (
    "Document", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Link", "Strong", "Span",
    "Table", "TR", "TH", "TD", "Note", "BlockQuote", "Figure",
)


def fpdf_version() -> tuple[int, ...]:
    """Return the installed fpdf2 version as a tuple of integers."""
    parts = []
    for piece in fpdf.__version__.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def check_fpdf_version() -> None:
    """Refuse fpdf2 versions whose internals this layer was not tested on.

    Raises:
        RenderError: the installed fpdf2 is outside ``SUPPORTED_FPDF``.
    """
    low, high = SUPPORTED_FPDF
    version = fpdf_version()
    if not low <= version < high:
        raise RenderError(
            f"fpdf2 {fpdf.__version__} is not supported by the PDF tagging layer",
            cause=(
                f"tested with {'.'.join(map(str, low))} up to, not including, "
                f"{'.'.join(map(str, high))}"
            ),
        )


class _MarkedContentRef:
    """A marked-content reference (``/Type /MCR``) to an MCID on another page."""

    __slots__ = ("_page", "_mcid")

    def __init__(self, page: PDFObject, mcid: int) -> None:
        self._page = page
        self._mcid = mcid

    def serialize(self, **_: Any) -> str:
        return f"<</Type /MCR /Pg {self._page.ref} /MCID {self._mcid}>>"


class _ObjectRef:
    """An object reference (``/Type /OBJR``) to an annotation, from its structure element."""

    __slots__ = ("_obj", "_page")

    def __init__(self, obj: PDFObject, page: PDFObject) -> None:
        self._obj = obj
        self._page = page

    def serialize(self, **_: Any) -> str:
        return f"<</Type /OBJR /Obj {self._obj.ref} /Pg {self._page.ref}>>"


class _StructParents(int):
    """A page's ``/StructParents`` key, written with ``/Tabs /S``.

    PDF/UA-1 (ISO 14289-1 §7.18.3) wants ``/Tabs /S`` on every page with
    annotations; fpdf2 2.8's page object has no such entry, so it is written
    beside the key, which every tagged page has.
    """

    def serialize(self, **_: Any) -> str:
        return f"{int(self)}\n/Tabs /S"


class _LinkAnnotation(PDFAnnotation):
    """A link annotation with its ``/StructParent`` key (ISO 32000-1 §14.7.4.4)."""

    def __init__(self, *args: Any, struct_parent: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.struct_parent = struct_parent


class _ParentTree(NumberTree):
    """The parent tree: arrays of elements for pages, one element for an annotation."""

    def __init__(self) -> None:
        super().__init__()
        self.objects: dict[int, PDFObject] = {}

    def serialize(self, obj_dict: Any = None, _security_handler: Any = None) -> str:
        entries: dict[int, str] = {key: f"[{' '.join(e.ref for e in elems)}]" for key, elems in self.nums.items()}
        entries.update({key: elem.ref for key, elem in self.objects.items()})
        nums = "\n".join(f"{key} {entries[key]}" for key in sorted(entries))
        return PDFObject.serialize(self, {"/Nums": f"[{nums}]"})


class _Kids(PDFArray):
    """``/K`` entries; a single kid is written bare, not as a one-item array.

    ISO 32000-1 14.7.2 allows both forms. The bare form is what most
    producers write for a one-MCID element, and what the ``pdfua`` checker
    (0.1.3) can read: its empty-heading rule fails on a heading whose ``/K``
    is an array.
    """

    def serialize(self, _security_handler: Any = None, _obj_id: int | None = None) -> str:
        if len(self) == 1:
            (kid,) = self
            if isinstance(kid, PDFObject):
                return kid.ref
            if isinstance(kid, int):
                return str(kid)
            return kid.serialize(_security_handler=_security_handler, _obj_id=_obj_id)
        return super().serialize(_security_handler=_security_handler, _obj_id=_obj_id)


class TagElem(StructElem):
    """A structure element that may nest and span pages.

    Its ``/K`` holds child elements and MCIDs in reading order: a bare MCID
    when the content is on the element's ``/Pg`` page, a ``/MCR`` reference
    otherwise. ``page_number()`` (read by fpdf2's output step) is the first
    page holding content of the element or of its descendants.
    """

    __slots__ = ("lang", "a", "i_d", "actual_text", "_children", "_first_page")

    def __init__(
        self,
        role: str,
        parent: PDFObject,
        lang: str | None = None,
        *,
        attributes: str | None = None,
        elem_id: str | None = None,
        actual_text: str | None = None,
        alt: str | None = None,
    ) -> None:
        super().__init__(struct_type=f"/{role}", parent=parent, kids=[], alt=alt)
        self.k = _Kids()
        self.lang = None if lang is None else PDFString(lang)
        self.a = attributes  # an attribute dictionary, written as is: ``<</O /Table /Scope /Column>>``
        self.i_d = None if elem_id is None else PDFString(elem_id)
        self.actual_text = None if actual_text is None else PDFString(actual_text)
        self._children: list[TagElem] = []
        self._first_page: int | None = None

    # Methods, not properties: fpdf2 serialises every non-callable public
    # attribute of a PDFObject as a dictionary entry.
    def role(self) -> str:
        """The structure type without its slash: ``H1``, ``P``..."""
        return str(self.s)[1:]

    def children(self) -> tuple[TagElem, ...]:
        """The child elements, in reading order."""
        return tuple(self._children)

    def page_number(self) -> int | None:
        if self._first_page is not None:
            return self._first_page
        for child in self._children:
            page = child.page_number()
            if page is not None:
                return page
        return None

    def _add_child(self, child: TagElem) -> None:
        self._children.append(child)
        self.k.append(child)

    def _add_object(self, page_number: int, page_obj: PDFObject, obj: PDFObject) -> None:
        if self._first_page is None:
            self._first_page = page_number
            self.pg = page_obj
        self.k.append(_ObjectRef(obj, page_obj))

    def _add_mcid(self, page_number: int, page_obj: PDFObject, mcid: int) -> None:
        if self._first_page is None:
            self._first_page = page_number
            self.pg = page_obj
        if page_number == self._first_page:
            self.k.append(mcid)
        else:
            self.k.append(_MarkedContentRef(page_obj, mcid))


class StructureTree(StructureTreeBuilder):
    """A structure tree builder that nests elements (replaces fpdf2's own).

    Keeps fpdf2's entry points (``add_marked_content``, ``next_mcid_for_page``)
    working, so images and links drawn by fpdf2 itself are still tagged.
    """

    def __init__(self) -> None:
        super().__init__()
        self._mcid_owners: dict[int, list[StructElem]] = {}
        self.struct_tree_root.parent_tree = _ParentTree()
        self._keys = 0

    # -- fpdf2 entry points ------------------------------------------------

    def add_marked_content(
        self,
        page_number: int,
        struct_type: str,
        mcid: int | None = None,
        title: str | None = None,
        alt_text: str | None = None,
    ) -> tuple[StructElem, int]:
        self.struct_parents_id(page_number)  # one key space for pages and annotations
        struct_elem, spid = super().add_marked_content(
            page_number, struct_type, mcid=mcid, title=title, alt_text=alt_text
        )
        if mcid is not None:
            # fpdf2 appended the element to the parent tree already.
            self._mcid_owners.setdefault(page_number, []).append(struct_elem)
        return struct_elem, spid

    def next_mcid_for_page(self, page_number: int) -> int:
        return len(self._mcid_owners.get(page_number, ()))

    # -- this layer ----------------------------------------------------------

    def struct_parents_id(self, page_number: int) -> int:
        """Return (allocating on first use) the page's ``/StructParents`` key."""
        spid = self.spid_per_page_number.get(page_number)
        if spid is None:
            spid = self.new_key()
            self.spid_per_page_number[page_number] = spid
        return spid

    def new_key(self) -> int:
        """A new key of the parent tree (pages and annotations share one key space)."""
        key = self._keys
        self._keys += 1
        return key

    def claim_mcid(self, page_number: int, owner: StructElem) -> tuple[int, int]:
        """Give ``owner`` the next MCID of the page; return (mcid, spid)."""
        spid = self.struct_parents_id(page_number)
        owners = self._mcid_owners.setdefault(page_number, [])
        mcid = len(owners)
        owners.append(owner)
        self.struct_tree_root.parent_tree.nums[spid].append(owner)
        return mcid, spid

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        stack = list(reversed(self.doc_struct_elem.k))
        while stack:
            elem = stack.pop()
            yield elem
            if isinstance(elem, TagElem):
                stack.extend(reversed(elem.children()))


class Tagger:
    """Drive the structure tree of one ``FPDF`` document.

    Args:
        pdf: the document, before its first page is added.
        lang: optional ``/Lang`` of the Document element (the catalog's
            ``/Lang`` is set separately with ``pdf.set_lang``).

    Raises:
        RenderError: unsupported fpdf2 version, or pages already exist.
    """

    def __init__(self, pdf: FPDF, lang: str | None = None) -> None:
        check_fpdf_version()
        if pdf.page:
            raise RenderError("the tagging layer must be attached before the first page")
        self.pdf = pdf
        self.tree = StructureTree()
        pdf.struct_builder = self.tree
        if lang:
            self.tree.doc_struct_elem.lang = PDFString(lang)
        self._open: TagElem | None = None
        self._in_artifact = False

    @property
    def document(self) -> StructElem:
        return self.tree.doc_struct_elem

    def element(self, role: str, parent: TagElem | None = None, lang: str | None = None, **attrs: Any) -> TagElem:
        """Create a structure element under ``parent`` (the Document if None).

        ``lang`` sets ``/Lang``; ``attrs`` are ``TagElem``'s keyword options
        (``attributes``, ``elem_id``, ``actual_text``, ``alt``).

        Raises:
            RenderError: ``role`` is not one of ``ROLES``.
        """
        if role not in ROLES or role == "Document":
            raise RenderError(f"structure type '{role}' is not supported by the tagging layer")
        owner: PDFObject = parent if parent is not None else self.tree.doc_struct_elem
        elem = TagElem(role, owner, lang, **attrs)
        if parent is None:
            self.tree.doc_struct_elem.k.append(elem)
        else:
            parent._add_child(elem)
        return elem

    @contextmanager
    def marked(self, elem: TagElem) -> Iterator[int]:
        """Wrap what is drawn inside in ``/<role> <</MCID n>> BDC ... EMC``.

        Yields the MCID. The element gets that MCID in its ``/K``; the page
        gets a ``/StructParents`` entry.

        Raises:
            RenderError: sequences nest, or a page break happened inside.
        """
        pdf = self.pdf
        if self._open is not None or self._in_artifact:
            raise RenderError("marked-content sequences cannot nest in this layer")
        page = pdf.page
        if not page:
            raise RenderError("no page to draw on")
        mcid, spid = self.tree.claim_mcid(page, elem)
        pdf.pages[page].struct_parents = _StructParents(spid)
        elem._add_mcid(page, pdf.pages[page], mcid)
        pdf._set_min_pdf_version("1.4")
        self._open = elem
        pdf._out(f"/{elem.role()} <</MCID {mcid}>> BDC")
        try:
            yield mcid
            if pdf.page != page:
                raise RenderError(
                    f"a page break happened inside a marked /{elem.role()} sequence",
                    cause="close the sequence before the break and open a new one after it",
                )
        finally:
            self._open = None
        pdf._out("EMC")

    @contextmanager
    def artifact(self, subtype: str = "Footer", kind: str = "Pagination") -> Iterator[None]:
        """Wrap what is drawn inside as an ``/Artifact`` (not read aloud).

        ``kind`` is ``Pagination``, ``Layout`` or ``Page``; ``subtype``
        (``Header``, ``Footer``, ``Watermark``) is written for Pagination only.

        Raises:
            RenderError: called inside a marked sequence.
        """
        if self._open is not None or self._in_artifact:
            raise RenderError("an artifact cannot start inside a marked-content sequence")
        props = f"/Type /{kind}"
        if kind == "Pagination" and subtype:
            props += f" /Subtype /{subtype}"
        self._in_artifact = True
        self.pdf._out(f"/Artifact <<{props}>> BDC")
        try:
            yield
        finally:
            self._in_artifact = False
        self.pdf._out("EMC")

    def link(
        self, elem: TagElem, rect: tuple[float, float, float, float], *, uri: str = "", page: int = 0, top: float = 0.0, alt: str
    ) -> None:
        """Put a link annotation over ``rect`` (x, y, w, h in mm from the top left) of the current page.

        The annotation points at ``uri``, or at ``top`` mm of ``page`` when
        ``uri`` is empty; ``alt`` becomes its ``/Contents``. It gets a
        ``/StructParent`` key whose parent-tree entry is ``elem`` (a ``Link``
        element), and ``elem`` gets an ``/OBJR`` to it (PDF/UA-1 §7.18.5).

        Raises:
            RenderError: ``elem`` is not a Link element, or no page is open.
        """
        pdf = self.pdf
        if elem.role() != "Link" or not pdf.page:
            raise RenderError("a link annotation needs a Link element on an open page")
        x, y, w, h = rect
        key = self.tree.new_key()
        annot = _LinkAnnotation(
            "Link",
            x=x * pdf.k,
            y=pdf.h_pt - y * pdf.k,
            width=w * pdf.k,
            height=h * pdf.k,
            action=URIAction(uri) if uri else None,
            dest=None if uri else DestinationXYZ(page, top=pdf.h_pt - top * pdf.k),
            contents=alt,
            struct_parent=key,
        )
        pdf.pages[pdf.page].add_annotation(annot)
        self.tree.struct_tree_root.parent_tree.objects[key] = elem
        elem._add_object(pdf.page, pdf.pages[pdf.page], annot)

    def close_check(self) -> None:
        """Raise RenderError if a marked sequence or artifact is still open."""
        if self._open is not None or self._in_artifact:
            raise RenderError("a marked-content sequence was left open")


def add_bookmark(pdf: FPDF, title: str, level: int, page: int, y: float, elem: StructElem | None) -> None:
    """Add an outline (bookmark) entry pointing at ``y`` (mm from the top) of ``page``.

    The entry is linked to the structure element ``elem`` (``/SE``), as
    fpdf2's own ``start_section`` does; unlike ``start_section`` it draws
    nothing and does not tag the heading as ``/Figure``.
    """
    dest = DestinationXYZ(page, top=pdf.h_pt - y * pdf.k)
    pdf._outline.append(OutlineSection(title, level, page, dest, elem))


__all__ = [
    "ROLES",
    "SUPPORTED_FPDF",
    "StructureTree",
    "TagElem",
    "Tagger",
    "add_bookmark",
    "check_fpdf_version",
    "fpdf_version",
    "xmp_metadata",
]
