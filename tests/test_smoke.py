from conftest import BuildFn, thread_yaml


def test_thread_file_becomes_page_at_markdown_url(make_site: BuildFn) -> None:
    site = make_site({"threads/tightness.yml": thread_yaml("How does tension cause tightness?")})
    page = site.content("threads/tightness/")
    h1s = page.find_all("h1")
    assert [h.get_text(strip=True) for h in h1s] == ["How does tension cause tightness?"]
