"""MkDocs' file list and the site plan: the planned pages added, Zensical's generated pages left out."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ...plan import SitePlan
from ..written import Generated, changed_since
from .page_types import RenderedPage


def add_planned(files: Files, config: MkDocsConfig, plan: SitePlan, sources: dict[str, File]) -> None:
    """Each planned page as a generated file; thread pages keep their YAML file's timestamp and edit link."""
    for planned in plan.pages:
        if planned.kind == "asset":
            files.append(File.generated(config, planned.src, content=planned.content))
            continue
        inclusion = InclusionLevel.UNDEFINED if planned.in_nav else InclusionLevel.NOT_IN_NAV
        page = File.generated(config, planned.src, content=planned.content, inclusion=inclusion)
        source = sources.get(planned.src)
        if source is not None:
            page.abs_src_path = source.abs_src_path  # for plugins that read a page's source, e.g. its git dates
            page.edit_uri = source.edit_uri  # "Edit this page" opens the YAML file
        if planned.kind in ("thread", "member"):
            RenderedPage(None, page, config)
        files.append(page)


def leave_out_generated(files: Files, docs: Path) -> list[str]:
    """Leave out the pages `mkdocs-forum generate` wrote for Zensical, while they are exactly as it wrote them.

    One changed since (an editor's page at that path) is the wiki's own: it is built,
    and the warning returned says so.
    """
    ours, changed = Generated.load(docs).ours()
    for path in ours:
        generated = files.get_file_from_path(path)
        if generated is not None:
            files.remove(generated)
    return [changed_since(path) for path in changed]
