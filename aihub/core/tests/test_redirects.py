import pytest

from aihub.core.redirects import safe_next


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("/events/3/", "/events/3/"),
        ("/events/?page=2", "/events/?page=2"),
        ("https://evil.example/", "/home/"),
        ("//evil.example/path", "/home/"),
        ("javascript:alert(1)", "/home/"),
        ("/\\evil.example", "/home/"),
        ("", "/home/"),
        (None, "/home/"),
    ],
)
def test_safe_next_keeps_only_addresses_on_this_site(rf, candidate, expected):
    request = rf.post("/", HTTP_HOST="hub.example")
    assert safe_next(request, candidate, "/home/") == expected


def test_safe_next_accepts_this_host_in_full(rf):
    request = rf.post("/", HTTP_HOST="hub.example")
    assert safe_next(request, "http://hub.example/calls/", "/") == "http://hub.example/calls/"
